import { ulid } from 'ulid';
import { PartnerCreated, PartnerStatusChanged, PartnerUpdated } from '#functions/partners/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit, put, versionedUpdate } from '#shared/db/commit';
import { keys } from '#shared/db/keys';
import { getItem, queryAll, queryPage, toEntity, type Page } from '#shared/db/repository';
import { retireSlas } from '#functions/performance/retire-slas';
import {
  assertTransition,
  diffFields,
  partnerSnapshot,
  type CreatePartnerInput,
  type Partner,
  type PartnerStatus,
  type UpdatePartnerInput,
} from '#functions/partners/domain/partner';
import { NotFoundError } from '#shared/errors';
import { definedOnly } from '#shared/domain/common';

/** Partner use cases: each reads what it needs and changes state with one transaction (entity + audit + event). */

const notFound = () => new NotFoundError('Partner not found');

export async function getPartner(partnerId: string): Promise<Partner> {
  const item = await getItem<Partner>(keys.partner(partnerId));
  if (!item) throw notFound();
  return toEntity<Partner>(item);
}

export async function createPartner(ctx: OperationContext, input: CreatePartnerInput): Promise<Partner> {
  const id = ulid(nowMs());
  const at = nowIso();
  const partner: Partner = {
    id,
    ...input,
    status: 'prospect',
    statusChangedAt: at,
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: ctx.actor.sub,
  };
  await commit(ctx, {
    writes: [put({ ...keys.partner(id), ...indexKeys(partner), type: 'Partner', ...partner }, { ifAbsent: true })],
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
  assertVersion('partner', current.version, expectedVersion);
  const changes = diffFields(current, input);
  const next: Partner = { ...current, ...definedOnly(input), version: current.version + 1, updatedAt: nowIso() };
  if (Object.keys(changes).length === 0) return current;
  await commit(ctx, {
    writes: [
      versionedUpdate(
        keys.partner(partnerId),
        expectedVersion,
        { ...definedOnly(input), ...indexKeys(next) },
        { notFound },
      ),
    ],
    audit: { action: 'partner.updated', entityType: 'partner', entityId: partnerId, partnerId, changes },
    events: [
      outboxEvent(ctx, PartnerUpdated, partnerId, { partner: partnerSnapshot(next), changed: Object.keys(changes) }),
    ],
  });
  return next;
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
  const next: Partner = {
    ...current,
    status: to,
    statusReason: reason,
    statusChangedAt: at,
    version: current.version + 1,
    updatedAt: at,
  };
  // Offboarding ends monitoring: the partner's active SLAs retire and their open alerts resolve, in this transaction.
  const retired =
    to === 'offboarded'
      ? await retireSlas(ctx, { partnerId, slaIds: await activeSlaIds(partnerId) }, 'partner offboarded')
      : { writes: [], events: [] };
  await commit(ctx, {
    writes: [
      versionedUpdate(
        keys.partner(partnerId),
        expectedVersion,
        { status: to, statusReason: reason, statusChangedAt: at, ...indexKeys(next) },
        { notFound },
      ),
      ...retired.writes,
    ],
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

async function activeSlaIds(partnerId: string): Promise<string[]> {
  const { PK, skPrefix } = keys.slasOf(partnerId);
  const ids: string[] = [];
  for await (const page of queryAll<{ id: string }>({
    partition: PK,
    sort: { beginsWith: skPrefix },
    equals: { status: 'active' },
    limit: 100,
  })) {
    ids.push(...page.map((s) => s.id));
  }
  return ids;
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
    const own = await getItem<Partner>(keys.partner(ownPartnerId));
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
  return queryPage<Partner>({
    ...(byStatus
      ? { index: 'GSI2', partition: keys.partnersByStatusPartition(filter.status!) }
      : {
          index: 'GSI1',
          partition: keys.partnersByNamePartition,
          ...(prefix ? { sort: { beginsWith: prefix } } : {}),
        }),
    equals,
    newestFirst: page.order === 'desc',
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

function indexKeys(p: Partner) {
  return { ...keys.partnersByName(p.name, p.id), ...keys.partnersByStatus(p.status, p.id) };
}

/** Filters for a partner's own lists: equality on attributes, undefined values ignored. */
export type ItemFilter = Record<string, string | undefined>;

/**
 * A page of one kind of item a partner owns (its people, agreements, risks, SLAs, alerts...): one Query on the
 * partner's partition. An empty first page costs one more read to tell "none yet" from "no such partner" (404).
 */
export async function listPartnerItems<T>(
  partnerId: string,
  items: { PK: string; skPrefix: string },
  filter: ItemFilter,
  page: { limit: number; cursor?: string },
  order: { newestFirst?: boolean } = { newestFirst: true },
): Promise<Page<T>> {
  const equals = Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
  const result = await queryPage<T>({
    partition: items.PK,
    sort: { beginsWith: items.skPrefix },
    equals,
    newestFirst: order.newestFirst ?? false,
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  if (result.items.length === 0 && !page.cursor) await getPartner(partnerId);
  return result;
}
