import { DisclosureStale, DisclosureUpdated } from '#functions/collaboration/events';
import { outboxEvent } from '#events/outbox';
import { nowIso } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit } from '#shared/db/commit';
import { commitOnce } from '#shared/db/once';
import { getItem, queryAll, toEntity, type Page } from '#shared/db/repository';
import { sideOf } from '#functions/agreements/index';
import type { Side } from '#functions/collaboration/domain/common';
import {
  nextReviewBy,
  staleItems,
  type Disclosure,
  type DisclosureInput,
} from '#functions/collaboration/domain/disclosure';
import {
  DisclosureEntity,
  DisclosureVersionEntity,
  disclosureVersionsOf,
  type StoredDisclosure,
} from '#functions/collaboration/entities';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
} from '#shared/errors';
import { listPartnerItems } from '#shared/db/partner-items';
import { getPartner } from '#functions/partners/index';

/**
 * Self-disclosure profiles: one per side of a partnership. Each side writes only its own (403 for the other
 * side's), both read both. The head item (`DISC#<side>`) is the current profile, versioned; every version is
 * also kept as an immutable item (`DISCV#<side>#<n>`) written in the same transaction. The first PUT needs no
 * If-Match; replacing one does (428 without, 412 when stale).
 */

const today = () => nowIso().slice(0, 10);
const present = (d: StoredDisclosure): Disclosure => ({ ...d, stale: staleItems(d, today()) });

export async function getDisclosure(partnerId: string, side: Side): Promise<Disclosure> {
  const item = await getItem<StoredDisclosure>(DisclosureEntity.key({ partnerId, side }));
  if (!item) {
    await getPartner(partnerId);
    throw new NotFoundError(`The ${side} side has not disclosed anything yet`);
  }
  return present(toEntity<StoredDisclosure>(item));
}

export async function disclosureHistory(
  partnerId: string,
  side: Side,
  page: { limit: number; cursor?: string },
): Promise<Page<Disclosure>> {
  const result = await listPartnerItems<StoredDisclosure>(partnerId, disclosureVersionsOf(partnerId, side), {}, page);
  return { ...result, items: result.items.map(present) };
}

export async function putDisclosure(
  ctx: OperationContext,
  partnerId: string,
  side: Side,
  expectedVersion: number,
  input: DisclosureInput,
): Promise<Disclosure> {
  if (sideOf(ctx.actor.role) !== side) throw new ForbiddenError(`Only the ${side} side edits its own disclosure`);
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded') throw new ConflictError('The partner is offboarded');
  const head = await getItem<StoredDisclosure>(DisclosureEntity.key({ partnerId, side }));
  if (!head && expectedVersion > 0)
    throw new PreconditionFailedError(`There is no ${side} disclosure yet: send it without If-Match`);
  if (head && expectedVersion === 0) {
    throw new PreconditionRequiredError(
      `The ${side} disclosure exists: send If-Match with its ETag, e.g. If-Match: "${head.version}"`,
    );
  }
  if (head && head.version !== expectedVersion) {
    throw new PreconditionFailedError(
      `The disclosure is at version ${head.version}, not ${expectedVersion}: read it again and retry with the new ETag`,
    );
  }
  const at = nowIso();
  const version = (head?.version ?? 0) + 1;
  const fields = {
    partnerId,
    side,
    needs: input.needs,
    concerns: input.concerns,
    constraints: input.constraints,
    metricsThatMatter: input.metricsThatMatter,
    ...(input.summary ? { summary: input.summary } : {}),
    updatedBy: ctx.actor.sub,
  };
  const record: StoredDisclosure = {
    ...fields,
    version,
    createdAt: head?.createdAt ?? at,
    updatedAt: at,
    createdBy: head?.createdBy ?? ctx.actor.sub,
  };
  const stale = () =>
    new PreconditionFailedError('The disclosure was changed meanwhile: read it again and retry with the new ETag');
  const remove = input.summary ? [] : ['summary'];
  const items = input.needs.length + input.concerns.length + input.constraints.length + input.metricsThatMatter.length;
  await commit(ctx, {
    writes: [
      head
        ? DisclosureEntity.update(head, fields, { expectedVersion, remove })
        : DisclosureEntity.put(record, { ifAbsent: true, onConflict: stale }),
      DisclosureVersionEntity.put(
        { ...record, createdAt: at, createdBy: ctx.actor.sub },
        { ifAbsent: true, onConflict: stale },
      ),
    ],
    audit: {
      action: 'disclosure.updated',
      entityType: 'disclosure',
      entityId: `${partnerId}#${side}`,
      partnerId,
      note: `${side} side, version ${version}: ${items} item(s)`,
      ...(head ? { changes: changedSections(head, record) } : {}),
    },
    events: [
      outboxEvent(ctx, DisclosureUpdated, partnerId, { side, version, items, stale: staleItems(input, today()) }),
    ],
  });
  return present(record);
}

function changedSections(
  before: StoredDisclosure,
  after: StoredDisclosure,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const section of ['needs', 'concerns', 'constraints', 'metricsThatMatter', 'summary'] as const) {
    if (JSON.stringify(before[section]) !== JSON.stringify(after[section]))
      changes[section] = { from: before[section], to: after[section] };
  }
  return changes;
}

/**
 * Reminders job: a disclosure whose earliest review date has passed tells its own side once per version
 * (marker `disclosure-stale#<partner>#<side>#<version>`): updating the items is how the side answers.
 */
export async function flagStaleDisclosures(
  ctx: OperationContext,
): Promise<{ disclosuresChecked: number; staleFlagged: number }> {
  const summary = { disclosuresChecked: 0, staleFlagged: 0 };
  const day = today();
  const due = queryAll<StoredDisclosure>({
    index: DisclosureEntity.indexes.review.index,
    partition: DisclosureEntity.indexes.review.pk(),
    sort: { between: ['0', `${day}#`] },
    limit: 100,
  });
  for await (const page of due) {
    for (const disclosure of page) {
      summary.disclosuresChecked += 1;
      if (await flagStale(ctx, disclosure, day)) summary.staleFlagged += 1;
    }
  }
  return summary;
}

/** Tells the disclosure's side once per version which items are past their review date; false if already told. */
async function flagStale(ctx: OperationContext, disclosure: StoredDisclosure, day: string): Promise<boolean> {
  const stale = staleItems(disclosure, day);
  if (stale.length === 0) return false;
  return commitOnce(ctx, 'disclosure-stale', `${disclosure.partnerId}#${disclosure.side}#${disclosure.version}`, {
    writes: [],
    audit: {
      action: 'disclosure.stale',
      entityType: 'disclosure',
      entityId: `${disclosure.partnerId}#${disclosure.side}`,
      partnerId: disclosure.partnerId,
      note: `${stale.length} item(s) past their review date: ${stale.join(', ')}`,
    },
    events: [
      outboxEvent(ctx, DisclosureStale, disclosure.partnerId, {
        side: disclosure.side,
        version: disclosure.version,
        stale,
        reviewBy: nextReviewBy(disclosure) ?? day,
      }),
    ],
  });
}
