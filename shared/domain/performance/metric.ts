import * as z from 'zod';
import { EntityMeta, Id, PageQuery, text } from '#shared/domain/common';
import { MetricName } from '#shared/domain/performance/sla';

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

/** Points may be at most this far in the future (clock skew) and at most as old as raw points are kept. */
export const MAX_FUTURE_MS = 5 * 60 * 1000;
export const RAW_RETENTION_DAYS = 400;
export const MAX_POINTS_PER_BATCH = 500;

const pointBase = {
  metric: MetricName,
  at: z.iso.datetime({ offset: true }),
  /** The client's id for the point: a re-sent point with the same id is recognised and not counted twice. */
  id: z.string().regex(/^[\x21-\x7e]{1,64}$/, 'must be 1 to 64 visible ASCII characters').optional(),
};

export const ValuePoint = z.strictObject({ ...pointBase, value: z.number().finite() });
export const CountPoint = z
  .strictObject({ ...pointBase, good: z.number().int().min(0), total: z.number().int().min(1).max(1e9) })
  .refine((p) => p.good <= p.total, { message: 'good must not exceed total', path: ['good'] });
export const MetricPoint = z.union([ValuePoint, CountPoint]);
export type MetricPoint = z.infer<typeof MetricPoint>;

/** Points are validated one by one: a bad point is reported, the good ones are accepted. */
export const IngestInput = z.strictObject({ points: z.array(z.unknown()).min(1).max(MAX_POINTS_PER_BATCH) });

export const IngestResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), error: z.string() })),
});

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
export const SeriesSchema = z.object({ metric: z.string(), resolution: z.string(), from: z.string(), to: z.string(), points: z.array(SeriesPoint) });
export const ListMetricsQuery = z.strictObject({ ...PageQuery });
