import { update, type Write } from '#shared/db/commit';
import { keys } from '#shared/db/keys';
import type { Agreement } from '#shared/domain/agreements/agreement';

/**
 * When an agreement ends, the SLA definitions it created stop being monitored: they leave the active-SLA
 * index and keep their history. Written in the same transaction as the agreement's status change.
 */
export function retireSlas(agreement: Pick<Agreement, 'partnerId' | 'slaIds'>): Write[] {
  return (agreement.slaIds ?? []).map((slaId) =>
    update(keys.sla(agreement.partnerId, slaId), { status: 'retired' }, { remove: ['GSI2PK', 'GSI2SK'] }),
  );
}
