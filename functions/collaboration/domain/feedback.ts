import * as z from 'zod';
import { EntityMeta, Id, PageQuery, text, Timestamp } from '#shared/domain/common';
import { ConflictError } from '#shared/errors';

export const feedbackKinds = ['product-issue', 'feature-request', 'market-insight', 'praise'] as const;
export const feedbackStatuses = ['new', 'triaged', 'planned', 'done', 'declined'] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];

/** new -> triaged -> planned -> done | declined; an item may be declined (or found done) at any open step. */
const transitions: Record<FeedbackStatus, readonly FeedbackStatus[]> = {
  new: ['triaged', 'declined'],
  triaged: ['planned', 'done', 'declined'],
  planned: ['done', 'declined'],
  done: [],
  declined: [],
};

export function assertFeedbackTransition(from: FeedbackStatus, to: FeedbackStatus): void {
  if (!transitions[from].includes(to)) {
    const allowed = transitions[from];
    throw new ConflictError(
      `Feedback cannot go from ${from} to ${to}${allowed.length ? `; from ${from} it can go to ${allowed.join(' or ')}` : `; ${from} is final`}`,
    );
  }
}

/** SKUs as the supply context writes them (no `#` or `~`). */
const Sku = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a SKU such as LUM-CAM-2');

export const SubmitFeedbackInput = z.strictObject({
  kind: z.enum(feedbackKinds),
  title: text(200),
  body: text(8000),
  product: text(120).optional(),
  sku: Sku.optional(),
});

export const FeedbackStatusInput = z.strictObject({
  status: z.enum(feedbackStatuses),
  /** What the partner reads: why, when, what happens next. */
  response: text(4000),
});

export const FeedbackSchema = z.object({
  id: Id,
  partnerId: Id,
  ...SubmitFeedbackInput.shape,
  status: z.enum(feedbackStatuses),
  response: z.string().optional(),
  respondedAt: Timestamp.optional(),
  submittedBy: z.string(),
  ...EntityMeta,
});
export type Feedback = z.infer<typeof FeedbackSchema>;

export const FeedbackParams = z.strictObject({ feedbackId: Id });
export const PartnerFeedbackParams = z.strictObject({ partnerId: Id, feedbackId: Id });
export const PartnerFeedbackQuery = z.strictObject({
  status: z.enum(feedbackStatuses).optional(),
  kind: z.enum(feedbackKinds).optional(),
  ...PageQuery,
});
export const TriageQuery = z.strictObject({
  status: z.enum(feedbackStatuses).optional(),
  kind: z.enum(feedbackKinds).optional(),
  sku: Sku.optional(),
  ...PageQuery,
});
