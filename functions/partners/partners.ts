import { ulid } from 'ulid';
import { PartnerCreated, PartnerStatusChanged, PartnerUpdated } from '#functions/partners/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit } from '#shared/db/commit';
import { diffFields, editVersioned, newEntityMeta } from '#shared/db/edit';
import { getItem, queryPage, toEntity, type Page } from '#shared/db/repository';
import { partnershipEnding } from '#functions/partners/partnership-end';
import {
  assertTransition,
  partnerSnapshot,
  type CreatePartnerInput,
  type Partner,
  type PartnerStatus,
  type UpdatePartnerInput,
} from '#functions/partners/domain/partner';
import { PartnerEntity } from '#functions/partners/entities';
import { NotFoundError } from '#shared/errors';

/** Partner use cases: each reads what it needs and changes state with one transaction (entity + audit + event). */

const notFound = () => new NotFoundError('Partner not found');

export async function getPartner(partnerId: string): Promise<Partner> {
  const item = await getItem<Partner>(PartnerEntity.key({ id: partnerId }));
  if (!item) throw notFound();
  return toEntity<Partner>(item);
}

export async function createPartner(ctx: OperationContext, input: CreatePartnerInput): Promise<Partner> {
  const id = ulid(nowMs());
  const meta = newEntityMeta(ctx);
  const partner: Partner = { id, ...input, status: 'prospect', statusChangedAt: meta.createdAt, ...meta };
  await commit(ctx, {
    writes: [PartnerEntity.put(partner, { ifAbsent: true })],
    audit: { action: 'partner.created', entityType: 'partner', entityId: id, partnerId: id },
    events: [outboxEvent(ctx, PartnerCreated, id, { partner: partnerSnapshot(partner) })],
  });
  return partner;
}

export async function updatePartner(
  ctx: OperationContext,
  partnerId: string,
  expectedVersion: number,
  input: UpdatePartnerInput,
): Promise<Partner> {
  const current = await getPartner(partnerId);
  const changed = Object.keys(diffFields(current, input));
  return editVersioned<Partner>(ctx, {
    entity: PartnerEntity,
    what: 'partner',
    current,
    expectedVersion,
    set: input,
    audit: { action: 'partner.updated', entityType: 'partner', entityId: partnerId, partnerId },
    events: (next) => [outboxEvent(ctx, PartnerUpdated, partnerId, { partner: partnerSnapshot(next), changed })],
    notFound,
  });
}

export async function changePartnerStatus(
  ctx: OperationContext,
  partnerId: string,
  expectedVersion: number,
  to: PartnerStatus,
  reason: string,
): Promise<Partner> {
  const current = await getPartner(partnerId);
  assertVersion('partner', current.version, expectedVersion);
  assertTransition(current.status, to);
  const at = nowIso();
  const change = { status: to, statusReason: reason, statusChangedAt: at };
  const next: Partner = { ...current, ...change, version: current.version + 1, updatedAt: at };
  // Offboarding ends what is kept for the partnership (monitoring: SLAs retire, their alerts resolve), in this transaction.
  const retired =
    to === 'offboarded' ? await partnershipEnding()(ctx, partnerId, 'partner offboarded') : { writes: [], events: [] };
  await commit(ctx, {
    writes: [PartnerEntity.update(current, change, { expectedVersion, notFound }), ...retired.writes],
    audit: {
      action: 'partner.status-changed',
      entityType: 'partner',
      entityId: partnerId,
      partnerId,
      changes: { status: { from: current.status, to } },
      note: reason,
    },
    events: [
      outboxEvent(ctx, PartnerStatusChanged, partnerId, {
        partner: partnerSnapshot(next),
        from: current.status,
        to,
        reason,
      }),
      ...retired.events,
    ],
  });
  return next;
}

export interface PartnerFilter {
  status?: PartnerStatus;
  kind?: string;
  tier?: string;
  country?: string;
  /** The start of the name, any case. */
  q?: string;
}

/**
 * Vendor view: partners by name (GSI1, whose sort key is the lower-cased name, so a name prefix is a key condition),
 * or one status's partners in the order they registered (GSI2) when only a status narrows the list; kind, tier,
 * country (and the status, with a name prefix) filter the page. A partner principal's list holds its own partner
 * only, so nothing else is revealed.
 */
export async function listPartners(
  filter: PartnerFilter,
  page: { limit: number; cursor?: string; order?: 'asc' | 'desc' },
  ownPartnerId: string | undefined,
): Promise<Page<Partner>> {
  const prefix = filter.q?.toLocaleLowerCase('en');
  if (ownPartnerId) {
    const own = await getItem<Partner>(PartnerEntity.key({ id: ownPartnerId }));
    const partner = own && toEntity<Partner>(own);
    const matches =
      partner &&
      (!filter.status || partner.status === filter.status) &&
      (!filter.kind || partner.kind === filter.kind) &&
      (!filter.tier || partner.tier === filter.tier) &&
      (!filter.country || partner.country === filter.country) &&
      (!prefix || partner.name.toLocaleLowerCase('en').startsWith(prefix));
    return { items: matches ? [partner] : [] };
  }
  const equals: Record<string, string> = {};
  if (filter.kind) equals.kind = filter.kind;
  if (filter.tier) equals.tier = filter.tier;
  if (filter.country) equals.country = filter.country;
  const byStatus = filter.status && !prefix;
  if (filter.status && !byStatus) equals.status = filter.status;
  const { byName, byStatus: statusIndex } = PartnerEntity.indexes;
  return queryPage<Partner>({
    ...(byStatus
      ? { index: statusIndex.index, partition: statusIndex.pk({ status: filter.status! }) }
      : {
          index: byName.index,
          partition: byName.pk(),
          ...(prefix ? { sort: { beginsWith: prefix } } : {}),
        }),
    equals,
    newestFirst: page.order === 'desc',
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}
