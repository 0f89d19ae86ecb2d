import type * as z from 'zod';
import { nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit } from '#shared/db/commit';
import { newEntityMeta } from '#shared/db/edit';
import { getItem, queryPage, toEntity, type Page } from '#shared/db/repository';
import type { MetricDefinition, MetricDefinitionInput } from '#functions/performance/domain/metric';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors';
import { getPartner } from '#functions/partners/index';
import { MetricDefinitionEntity } from '#functions/performance/entities';
import { readRollups } from '#functions/performance/rollups';
import type { Bucket } from '#functions/performance/domain/windows';

/** The metric catalog and the series partners and the vendor read back. */

export async function defineMetric(
  ctx: OperationContext,
  input: z.infer<typeof MetricDefinitionInput>,
): Promise<MetricDefinition> {
  const metric: MetricDefinition = { ...input, ...newEntityMeta(ctx) };
  await commit(ctx, {
    writes: [
      MetricDefinitionEntity.put(metric, {
        ifAbsent: true,
        onConflict: () =>
          new ConflictError(`The metric ${input.name} is already in the catalog`, {
            errors: [{ path: 'body.name', message: 'already defined' }],
          }),
      }),
    ],
    audit: {
      action: 'metric.defined',
      entityType: 'metric',
      entityId: input.name,
      note: `${input.displayName} (${input.unit}, ${input.kind})`,
    },
  });
  return metric;
}

export async function getMetric(name: string): Promise<MetricDefinition> {
  const item = await getItem<MetricDefinition>(MetricDefinitionEntity.key({ name }));
  if (!item) throw new NotFoundError(`The metric ${name} is not in the catalog`);
  return toEntity<MetricDefinition>(item);
}

export function listMetrics(page: { limit: number; cursor?: string }): Promise<Page<MetricDefinition>> {
  return queryPage<MetricDefinition>({
    index: 'GSI1',
    partition: MetricDefinitionEntity.indexes.catalog.pk(),
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const limits = {
  hour: { resolution: 'PT1H', span: 31 * DAY, default: 7 * DAY, step: HOUR },
  day: { resolution: 'P1D', span: 400 * DAY, default: 90 * DAY, step: DAY },
} as const;

export interface SeriesPoint {
  start: string;
  count: number;
  sum: number;
  avg?: number;
  min?: number;
  max?: number;
  good: number;
  total: number;
  ratio?: number;
}

/** One partner's metric per hour or per day between two instants: one Query over the metric's partition. */
export async function readSeries(
  partnerId: string,
  metric: string,
  query: { from?: string | undefined; to?: string | undefined; resolution: 'hour' | 'day' },
): Promise<{ metric: string; resolution: string; from: string; to: string; points: SeriesPoint[] }> {
  const spec = limits[query.resolution];
  const to = query.to ? Date.parse(query.to) : nowMs();
  const from = query.from ? Date.parse(query.from) : to - spec.default;
  if (from >= to)
    throw new ValidationError('from must be before to', {
      errors: [{ path: 'query.from', message: 'must be before to' }],
    });
  if (to - from > spec.span) {
    throw new ValidationError('The range is too long for this resolution', {
      errors: [{ path: 'query.from', message: `at most ${spec.span / DAY} days at resolution ${query.resolution}` }],
    });
  }
  await getPartner(partnerId);
  // The same one-Query read the SLA evaluation uses; a filter on resolution would not save read capacity.
  const rollups = await readRollups(partnerId, metric, Math.floor(from / spec.step) * spec.step, to);
  const points = (rollups[spec.resolution] ?? []).map(seriesPoint);
  return {
    metric,
    resolution: query.resolution,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    points,
  };
}

function seriesPoint(b: Bucket): SeriesPoint {
  return {
    start: new Date(b.start).toISOString(),
    count: b.count,
    sum: b.sum,
    ...(b.count > 0 ? { avg: b.sum / b.count, min: b.min, max: b.max } : {}),
    good: b.good,
    total: b.total,
    ...(b.total > 0 ? { ratio: b.good / b.total } : {}),
  };
}
