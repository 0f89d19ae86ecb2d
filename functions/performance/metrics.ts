import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { db, tableName } from '#shared/db/client';
import { commit, put } from '#shared/db/commit';
import { keys } from '#shared/db/keys';
import { queryPage, type Page } from '#shared/db/repository';
import type { MetricDefinition, MetricDefinitionInput } from '#shared/domain/performance/metric';
import { ConflictError, ValidationError } from '#shared/http/errors';
import { getPartner } from '#functions/partners/partners';
import type { StoredBucket } from '#functions/performance/rollups';

/** The metric catalog and the series partners and the vendor read back. */

export async function defineMetric(ctx: OperationContext, input: z.infer<typeof MetricDefinitionInput>): Promise<MetricDefinition> {
  const at = nowIso();
  const metric: MetricDefinition = { ...input, version: 1, createdAt: at, updatedAt: at, createdBy: ctx.actor.sub };
  await commit(ctx, {
    writes: [
      put(
        { ...keys.metricDefinition(input.name), ...keys.metricsByName(input.name), type: 'MetricDefinition', ...metric },
        { ifAbsent: true, onConflict: () => new ConflictError(`The metric ${input.name} is already in the catalog`, { errors: [{ path: 'body.name', message: 'already defined' }] }) },
      ),
    ],
    audit: { action: 'metric.defined', entityType: 'metric', entityId: input.name, note: `${input.displayName} (${input.unit}, ${input.kind})` },
  });
  return metric;
}

export function listMetrics(page: { limit: number; cursor?: string }): Promise<Page<MetricDefinition>> {
  return queryPage<MetricDefinition>({ index: 'GSI1', partition: keys.metricsPartition, limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const limits = { hour: { resolution: 'PT1H', span: 31 * DAY, default: 7 * DAY, step: HOUR }, day: { resolution: 'P1D', span: 400 * DAY, default: 90 * DAY, step: DAY } } as const;

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
  if (from >= to) throw new ValidationError('from must be before to', { errors: [{ path: 'query.from', message: 'must be before to' }] });
  if (to - from > spec.span) {
    throw new ValidationError('The range is too long for this resolution', {
      errors: [{ path: 'query.from', message: `at most ${spec.span / DAY} days at resolution ${query.resolution}` }],
    });
  }
  await getPartner(partnerId);
  const [lower, upper] = keys.rollupRange(new Date(Math.floor(from / spec.step) * spec.step).toISOString(), new Date(to).toISOString());
  const points: SeriesPoint[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        FilterExpression: '#res = :res',
        ExpressionAttributeNames: { '#res': 'resolution' },
        ExpressionAttributeValues: { ':pk': keys.metricSeries(partnerId, metric), ':from': lower, ':to': upper, ':res': spec.resolution },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const b of (out.Items ?? []) as StoredBucket[]) points.push(seriesPoint(b));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return { metric, resolution: query.resolution, from: new Date(from).toISOString(), to: new Date(to).toISOString(), points };
}

function seriesPoint(b: StoredBucket): SeriesPoint {
  const count = b.count ?? 0;
  const total = b.total ?? 0;
  return {
    start: new Date(b.start).toISOString(),
    count,
    sum: b.sum ?? 0,
    ...(count > 0 ? { avg: (b.sum ?? 0) / count, min: b.min, max: b.max } : {}),
    good: b.good ?? 0,
    total,
    ...(total > 0 ? { ratio: (b.good ?? 0) / total } : {}),
  };
}
