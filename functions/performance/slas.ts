import { ulid } from 'ulid';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit, type Write } from '#shared/db/commit';
import { newEntityMeta } from '#shared/db/edit';
import { getItem, queryAll, toEntity, type Page } from '#shared/db/repository';
import { definedOnly } from '#shared/domain/common';
import { diffFields } from '#shared/db/edit';
import { SlaDefinitionEntity, slasOf } from '#functions/performance/entities';
import {
  mergeSlaChange,
  type CreateSlaInput,
  type SlaDefinition,
  type SlaStatus,
  type UpdateSlaInput,
} from '#functions/performance/domain/sla-definition';
import { ConflictError, NotFoundError, PreconditionFailedError } from '#shared/errors';
import { getPartner } from '#functions/partners/index';
import { listPartnerItems } from '#shared/db/partner-items';
import { readOpenAlerts, resolveWrites } from '#functions/alerts/index';

/** SLA definitions: read by both sides, created and tuned by the vendor. Changes need no event. */

const notFound = () => new NotFoundError('SLA not found');

export async function getSla(partnerId: string, slaId: string): Promise<SlaDefinition> {
  const item = await getItem<SlaDefinition>(SlaDefinitionEntity.key({ partnerId, id: slaId }));
  if (!item) throw notFound();
  return toEntity<SlaDefinition>(item);
}

export async function listSlas(
  partnerId: string,
  status: SlaStatus | undefined,
  page: { limit: number; cursor?: string },
): Promise<Page<SlaDefinition>> {
  return listPartnerItems<SlaDefinition>(partnerId, slasOf(partnerId), { status }, page);
}

/**
 * A partner's active SLAs only, from the monitor's sparse index (its sort key starts with the partner id): retired
 * and paused definitions, which only grow with time, are never read. The index is eventually consistent in AWS: an
 * SLA created a moment before is evaluated by the next monitor tick instead.
 */
export async function activeSlasOf(partnerId: string): Promise<SlaDefinition[]> {
  const active: SlaDefinition[] = [];
  for await (const page of queryAll<SlaDefinition>({
    index: 'GSI2',
    partition: SlaDefinitionEntity.indexes.active.pk(),
    sort: { beginsWith: SlaDefinitionEntity.indexes.active.sk({ partnerId, id: '' }) },
    limit: 100,
  }))
    active.push(...page);
  return active;
}

export async function createSla(
  ctx: OperationContext,
  partnerId: string,
  input: CreateSlaInput,
): Promise<SlaDefinition> {
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded') throw new ConflictError('The partner is offboarded: it can have no new SLAs');
  const id = ulid(nowMs());
  const at = nowIso();
  const sla = {
    ...input,
    id,
    partnerId,
    source: 'direct',
    status: 'active',
    effectiveFrom: at,
    ...newEntityMeta(ctx, at),
  } as SlaDefinition;
  await commit(ctx, {
    writes: [SlaDefinitionEntity.put(sla, { ifAbsent: true })],
    audit: { action: 'sla.created', entityType: 'sla', entityId: id, partnerId, note: describe(sla) },
  });
  return sla;
}

/**
 * Tunes an SLA (target, window, severity, comparator/aggregate, labels) or pauses/resumes it. Pausing takes it
 * out of the monitor's index and resolves its open alerts in the same transaction: nothing would ever evaluate
 * them again, and an alert nobody can clear is noise in the inbox.
 */
export async function updateSla(
  ctx: OperationContext,
  partnerId: string,
  slaId: string,
  expectedVersion: number,
  input: UpdateSlaInput,
): Promise<SlaDefinition> {
  const current = await getSla(partnerId, slaId);
  assertVersion('SLA', current.version, expectedVersion);
  if (current.status === 'retired')
    throw new ConflictError('The SLA is retired (its agreement ended): it cannot change');

  const term = mergeSlaChange(current, input);
  const labels = definedOnly({ name: input.name, description: input.description });
  const set: Record<string, unknown> = { ...term, ...labels };
  const statusChange = input.status && input.status !== current.status ? input.status : undefined;
  // The SLA's index keys follow its status (the entity's "while active"): pausing takes it out of the monitor's.
  if (statusChange === 'paused') set.status = 'paused';
  else if (statusChange === 'active') {
    set.status = 'active';
    set.resumedAt = nowIso();
  }
  const changes = diffFields(current as unknown as Record<string, unknown>, {
    ...term,
    ...labels,
    ...(statusChange ? { status: statusChange } : {}),
  });
  if (Object.keys(changes).length === 0) return current;

  for (let attempt = 1; ; attempt++) {
    const writes: Write[] = [SlaDefinitionEntity.update(current, set, { expectedVersion, notFound })];
    const events = [];
    if (statusChange === 'paused') {
      for (const alert of Object.values(await readOpenAlerts(partnerId, { kind: 'sla', slaId }))) {
        const resolved = resolveWrites(ctx, alert, { resolution: 'manual', note: 'SLA paused', notify: true });
        writes.push(...resolved.writes);
        events.push(...resolved.events);
      }
    }
    try {
      await commit(ctx, {
        writes,
        audit: {
          action: 'sla.updated',
          entityType: 'sla',
          entityId: slaId,
          partnerId,
          changes,
          ...(events.length ? { note: `${events.length} open alert(s) resolved` } : {}),
        },
        events,
      });
      break;
    } catch (error) {
      // The monitor moved one of the alerts meanwhile (not the SLA: that is the caller's 412): read them again.
      if (!(error instanceof PreconditionFailedError) || attempt >= 3) throw error;
      if ((await getSla(partnerId, slaId)).version !== expectedVersion) throw error;
    }
  }
  return { ...current, ...set, version: current.version + 1, updatedAt: nowIso() };
}

function describe(sla: SlaDefinition): string {
  switch (sla.kind) {
    case 'threshold':
      return `${sla.metric} ${sla.aggregate} over ${sla.window} ${sla.comparator} ${sla.target} (${sla.severity})`;
    case 'ratio':
      return `${sla.metric} >= ${sla.target} % over ${sla.window} (burn-rate rules)`;
    case 'freshness':
      return `${sla.metric} reported at least every ${sla.window} (${sla.severity})`;
  }
}
