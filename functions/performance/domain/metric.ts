import * as z from 'zod';
import { EntityMeta, Id, PageQuery, text } from '#shared/domain/common';
import { MetricName } from '#functions/performance/domain/sla';

/** The vendor's metric catalog: what a metric means, its unit, its kind and which way is better. */
export const MetricDefinitionInput = z.strictObject({
  name: MetricName,
  displayName: text(120),
  unit: text(32),
  kind: z.enum(['value', 'ratio']),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  description: text(1000).optional(),
});
export const MetricDefinitionSchema = z.object({ ...MetricDefinitionInput.shape, ...EntityMeta });
export type MetricDefinition = z.infer<typeof MetricDefinitionSchema>;

/**
 * Points may be at most this far in the future (clock skew) and at most as old as raw points are kept; a point's
 * identity (its client id, or its content) is kept as long as the point could be accepted, so no retry can
 * count it twice.
 */
export const MAX_FUTURE_MS = 5 * 60 * 1000;
export const RAW_RETENTION_DAYS = 400;
export const MAX_POINTS_PER_BATCH = 500;
/**
 * The body limit of a metric batch, above the API's general 64 KiB so that a full batch always fits: the largest
 * point the schema allows (64-character metric, a 35-character time, a 64-character id of `"` or `\` that JSON
 * escapes to 128, and the longest number or count) is 293 bytes as JSON, about 345 pretty-printed; 500 of them
 * are at most ~173 KB. test/integration/metrics.test.ts sends exactly that batch.
 */
export const MAX_INGEST_BODY_BYTES = 192 * 1024;

const pointBase = {
  metric: MetricName,
  // Bounded so a batch's worst-case size is known; any finer than a nanosecond would be dropped anyway (ms kept).
  at: z.iso
    .datetime({ offset: true })
    .regex(/^[^.]*(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/, 'must have at most 9 fractional second digits'),
  /**
   * The client's id for the point, unique within the partner's metric: a point re-sent with a known id is a
   * duplicate whatever its time or reading (the first report wins).
   */
  id: z
    .string()
    .regex(/^[\x21-\x7e]{1,64}$/, 'must be 1 to 64 visible ASCII characters')
    .optional(),
};

export const ValuePoint = z.strictObject({ ...pointBase, value: z.number().finite() });
export const CountPoint = z
  .strictObject({ ...pointBase, good: z.number().int().min(0), total: z.number().int().min(1).max(1e9) })
  .refine((p) => p.good <= p.total, { message: 'good must not exceed total', path: ['good'] });
export const MetricPoint = z.union([ValuePoint, CountPoint]);
export type MetricPoint = z.infer<typeof MetricPoint>;

/** Points are validated one by one: a bad point is reported, the good ones are accepted. */
export const IngestInput = z.strictObject({ points: z.array(z.unknown()).min(1).max(MAX_POINTS_PER_BATCH) });

/** Every point sent is in exactly one of: accepted, duplicates (listed in `duplicated`), rejected. */
export const IngestResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  /** The points not counted because they were already known or repeated earlier in the batch, by index (and id). */
  duplicated: z.array(z.object({ index: z.number().int(), id: z.string().optional() })),
  rejected: z.array(z.object({ index: z.number().int(), error: z.string() })),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const SeriesParams = z.strictObject({ partnerId: Id, metric: MetricName });
export const MetricParams = z.strictObject({ metric: MetricName });
export const SeriesQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  resolution: z.enum(['hour', 'day']).default('hour'),
});
export const SeriesPoint = z.object({
  start: z.string(),
  count: z.number(),
  sum: z.number(),
  avg: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  good: z.number(),
  total: z.number(),
  ratio: z.number().optional(),
});
export const SeriesSchema = z.object({
  metric: z.string(),
  resolution: z.string(),
  from: z.string(),
  to: z.string(),
  points: z.array(SeriesPoint),
});
export const ListMetricsQuery = z.strictObject({ ...PageQuery });
