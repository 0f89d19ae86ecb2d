import type { OutboxItem } from '#events/outbox-item';
import type { OperationContext } from '#shared/context';
import type { Write } from '#shared/db/commit';
import { queryAll } from '#shared/db/repository';
import { SlaDefinitionEntity, slasOf } from '#functions/performance/entities';
import { readOpenAlerts, resolveWrites } from '#functions/alerts/index';

/**
 * When an agreement ends or a partner is offboarded, its SLA definitions stop being monitored: they leave the
 * active-SLA index and keep their history, and their open alerts are resolved (nothing would ever clear them
 * otherwise). Returned as writes and events for the same transaction as the status change that causes it.
 */
export async function retireSlas(
  ctx: OperationContext,
  agreement: { partnerId: string; slaIds?: string[] },
  why: string,
): Promise<{ writes: Write[]; events: OutboxItem[] }> {
  const writes: Write[] = [];
  const events: OutboxItem[] = [];
  for (const slaId of agreement.slaIds ?? []) {
    // Written without reading the SLA: the entity takes it out of the active-SLA index (retired is not active).
    writes.push(SlaDefinitionEntity.update({ partnerId: agreement.partnerId, id: slaId }, { status: 'retired' }));
    const open = await readOpenAlerts(agreement.partnerId, { kind: 'sla', slaId });
    for (const alert of Object.values(open)) {
      if (!alert) continue;
      const resolved = resolveWrites(ctx, alert, { resolution: 'manual', note: `SLA retired: ${why}`, notify: true });
      writes.push(...resolved.writes);
      events.push(...resolved.events);
    }
  }
  return { writes, events };
}

/** Offboarding: every active SLA of the partner retires (functions/partners/partnership-end.ts is the port). */
export async function endPartnerMonitoring(
  ctx: OperationContext,
  partnerId: string,
  why: string,
): Promise<{ writes: Write[]; events: OutboxItem[] }> {
  const { PK, skPrefix } = slasOf(partnerId);
  const slaIds: string[] = [];
  for await (const page of queryAll<{ id: string }>({
    partition: PK,
    sort: { beginsWith: skPrefix },
    equals: { status: 'active' },
    limit: 100,
  })) {
    slaIds.push(...page.map((s) => s.id));
  }
  return retireSlas(ctx, { partnerId, slaIds }, why);
}
