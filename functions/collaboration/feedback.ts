import { ulid } from 'ulid';
import type * as z from 'zod';
import { FeedbackStatusChanged, FeedbackSubmitted } from '#functions/collaboration/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit, put } from '#shared/db/commit';
import { newEntityMeta } from '#shared/db/edit';
import { getItem, queryPage, toEntity, type Page } from '#shared/db/repository';
import {
  assertFeedbackTransition,
  type Feedback,
  type FeedbackStatus,
  type FeedbackStatusInput,
  type SubmitFeedbackInput,
} from '#functions/collaboration/domain/feedback';
import { FeedbackEntity, FeedbackLocatorEntity, feedbackOf } from '#functions/collaboration/entities';
import { ConflictError, NotFoundError } from '#shared/errors';
import { listPartnerItems } from '#shared/db/partner-items';
import { getPartner } from '#functions/partners/index';

/**
 * Feedback from the field: partner people (or the vendor on their behalf) submit product issues, feature
 * requests, market insights and praise; the vendor triages across partners (GSI1 for all, GSI2 per status)
 * and answers with a status and a response the partner sees. The item lives in the partner's partition; a
 * small locator (`FEEDBACK#<id>`) lets the vendor's `/v1/feedback/{id}` routes find it with one GetItem.
 */

const notFound = () => new NotFoundError('Feedback not found');
const snapshot = (f: Feedback) => ({
  id: f.id,
  kind: f.kind,
  title: f.title,
  status: f.status,
  ...(f.sku ? { sku: f.sku } : {}),
});

export async function submitFeedback(
  ctx: OperationContext,
  partnerId: string,
  input: z.infer<typeof SubmitFeedbackInput>,
): Promise<Feedback> {
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded') throw new ConflictError('The partner is offboarded');
  const id = ulid(nowMs());
  const feedback: Feedback = {
    id,
    partnerId,
    ...input,
    status: 'new',
    submittedBy: ctx.actor.sub,
    ...newEntityMeta(ctx),
  };
  await commit(ctx, {
    writes: [
      FeedbackEntity.put(feedback, { ifAbsent: true }),
      // The locator stores the partner alone: its id is in the key.
      put({ ...FeedbackLocatorEntity.storage({ feedbackId: id, partnerId }), partnerId }, { ifAbsent: true }),
    ],
    audit: {
      action: 'feedback.submitted',
      entityType: 'feedback',
      entityId: id,
      partnerId,
      note: `${input.kind}: ${input.title}`,
    },
    events: [outboxEvent(ctx, FeedbackSubmitted, partnerId, { feedback: snapshot(feedback) })],
  });
  return feedback;
}

export function listPartnerFeedback(
  partnerId: string,
  filter: { status?: string | undefined; kind?: string | undefined },
  page: { limit: number; cursor?: string },
): Promise<Page<Feedback>> {
  return listPartnerItems<Feedback>(partnerId, feedbackOf(partnerId), filter, page);
}

/** The vendor's triage list, newest first: one status's partition, or every item; kind and SKU filter within. */
export function listFeedback(
  filter: { status?: FeedbackStatus | undefined; kind?: string | undefined; sku?: string | undefined },
  page: { limit: number; cursor?: string },
): Promise<Page<Feedback>> {
  const equals = Object.fromEntries(
    Object.entries({ kind: filter.kind, sku: filter.sku }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const { all, byStatus } = FeedbackEntity.indexes;
  return queryPage<Feedback>({
    ...(filter.status
      ? { index: byStatus.index, partition: byStatus.pk({ status: filter.status }) }
      : { index: all.index, partition: all.pk() }),
    equals,
    newestFirst: true,
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

export async function getPartnerFeedback(partnerId: string, feedbackId: string): Promise<Feedback> {
  const item = await getItem<Feedback>(FeedbackEntity.key({ partnerId, id: feedbackId }));
  if (!item) throw notFound();
  return toEntity<Feedback>(item);
}

export async function getFeedback(feedbackId: string): Promise<Feedback> {
  const locator = await getItem<{ partnerId: string }>(FeedbackLocatorEntity.key({ feedbackId }));
  if (!locator) throw notFound();
  const item = await getItem<Feedback>(FeedbackEntity.key({ partnerId: locator.partnerId, id: feedbackId }));
  if (!item) throw notFound();
  return toEntity<Feedback>(item);
}

export async function changeFeedbackStatus(
  ctx: OperationContext,
  feedbackId: string,
  expectedVersion: number,
  input: z.infer<typeof FeedbackStatusInput>,
): Promise<Feedback> {
  const current = await getFeedback(feedbackId);
  assertVersion('feedback', current.version, expectedVersion);
  assertFeedbackTransition(current.status, input.status);
  const at = nowIso();
  const set = { status: input.status, response: input.response, respondedAt: at };
  await commit(ctx, {
    writes: [FeedbackEntity.update(current, set, { expectedVersion, notFound })],
    audit: {
      action: 'feedback.status-changed',
      entityType: 'feedback',
      entityId: feedbackId,
      partnerId: current.partnerId,
      changes: { status: { from: current.status, to: input.status } },
      note: input.response.slice(0, 500),
    },
    events: [
      outboxEvent(ctx, FeedbackStatusChanged, current.partnerId, {
        feedback: snapshot({ ...current, status: input.status }),
        from: current.status,
        to: input.status,
        response: input.response,
      }),
    ],
  });
  return {
    ...current,
    status: input.status,
    response: input.response,
    respondedAt: at,
    version: current.version + 1,
    updatedAt: at,
  };
}
