import * as z from 'zod';
import { EntityMeta, Id, PageQuery, text } from '#shared/domain/common';
import { Side } from '#functions/collaboration/domain/common';

/**
 * A side's self-disclosure: what it needs, what worries it, what constrains it (capacity, supply, regulatory)
 * and which metrics matter to it. Each item carries how sure the side is and when it should be reviewed; an
 * item past its review date is stale (flagged on read and once by the reminders job).
 */
export const constraintKinds = ['capacity', 'supply', 'regulatory', 'financial', 'staffing', 'other'] as const;
export const confidences = ['low', 'medium', 'high'] as const;

const itemBase = {
  text: text(1000),
  confidence: z.enum(confidences),
  reviewBy: z.iso.date(),
};
export const DisclosureItem = z.strictObject(itemBase);
export const ConstraintItem = z.strictObject({ ...itemBase, kind: z.enum(constraintKinds) });
export const MetricItem = z.strictObject({ ...itemBase, metric: text(64) });

export const DisclosureInput = z
  .strictObject({
    needs: z.array(DisclosureItem).max(30).default([]),
    concerns: z.array(DisclosureItem).max(30).default([]),
    constraints: z.array(ConstraintItem).max(30).default([]),
    metricsThatMatter: z.array(MetricItem).max(30).default([]),
    summary: text(2000).optional(),
  })
  .refine(
    (d) =>
      d.summary !== undefined ||
      d.needs.length + d.concerns.length + d.constraints.length + d.metricsThatMatter.length > 0,
    'disclose at least one item or a summary',
  );
export type DisclosureInput = z.infer<typeof DisclosureInput>;

export const DisclosureSchema = z.object({
  partnerId: Id,
  side: Side,
  needs: z.array(DisclosureItem),
  concerns: z.array(DisclosureItem),
  constraints: z.array(ConstraintItem),
  metricsThatMatter: z.array(MetricItem),
  summary: z.string().optional(),
  /** Items past their review date, as `<section>.<index>`, e.g. `constraints.0`. */
  stale: z.array(z.string()),
  ...EntityMeta,
  updatedBy: z.string(),
});
export type Disclosure = z.infer<typeof DisclosureSchema>;

export const DisclosureParams = z.strictObject({ partnerId: Id, side: Side });
export const DisclosureHistoryQuery = z.strictObject({ ...PageQuery });

const sections = ['needs', 'concerns', 'constraints', 'metricsThatMatter'] as const;

/** The items whose review date is before `today` (YYYY-MM-DD). */
export function staleItems(disclosure: Pick<DisclosureInput, (typeof sections)[number]>, today: string): string[] {
  return sections.flatMap((section) =>
    (disclosure[section] ?? []).flatMap((item, i) => (item.reviewBy < today ? [`${section}.${i}`] : [])),
  );
}

/** The earliest review date of a disclosure: when the reminders job should look at it again. */
export function nextReviewBy(disclosure: Pick<DisclosureInput, (typeof sections)[number]>): string | undefined {
  const dates = sections.flatMap((section) => (disclosure[section] ?? []).map((item) => item.reviewBy)).sort();
  return dates[0];
}
