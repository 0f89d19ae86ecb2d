import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { applyBounds, type AddWrite, type BoundWrite } from '#shared/db/bulk';
import { db, tableName } from '#shared/db/client';
import { RollupEntity, rollupsBetween } from '#functions/performance/entities';
import type { MetricPoint } from '#functions/performance/domain/metric';
import {
  bucketStart,
  resolutions,
  type Bucket,
  type Resolution,
  type Rollups,
} from '#functions/performance/domain/windows';

/**
 * Rollup buckets of one partner's metric: 5-minute (kept 1 day, for burn-rate windows up to 2 h), hourly and daily
 * (kept). Buckets sort by start time, so a window of every resolution is one Query (paged only past 1 MB,
 * which a 90-day window of hourly buckets stays well below).
 */

export const FIVE_MINUTE_RETENTION_MS = 24 * 3600 * 1000;

export interface StoredBucket extends Bucket {
  resolution: Resolution;
}

export async function readRollups(partnerId: string, metric: string, from: number, to: number): Promise<Rollups> {
  const range = rollupsBetween(partnerId, metric, new Date(from).toISOString(), new Date(to).toISOString());
  const byResolution: Record<Resolution, Bucket[]> = { PT5M: [], PT1H: [], P1D: [] };
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': range.PK, ':from': range.between[0], ':to': range.between[1] },
        ProjectionExpression: '#res, #start, #sum, #count, #min, #max, good, #total, lastAt',
        ExpressionAttributeNames: {
          '#res': 'resolution',
          '#start': 'start',
          '#sum': 'sum',
          '#count': 'count',
          '#min': 'min',
          '#max': 'max',
          '#total': 'total',
        },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of (out.Items ?? []) as StoredBucket[]) {
      if (resolutions.includes(item.resolution)) byResolution[item.resolution].push(toBucket(item));
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return byResolution;
}

function toBucket(item: StoredBucket): Bucket {
  return {
    start: item.start,
    sum: item.sum ?? 0,
    count: item.count ?? 0,
    min: item.min ?? Number.POSITIVE_INFINITY,
    max: item.max ?? Number.NEGATIVE_INFINITY,
    good: item.good ?? 0,
    total: item.total ?? 0,
    ...(item.lastAt !== undefined ? { lastAt: item.lastAt } : {}),
  };
}

/** A point as ingestion hands it over: validated, with its time in epoch ms. */
export interface TimedPoint {
  point: MetricPoint;
  atMs: number;
}

/** The one-way fields of a bucket, from the points that fall in it. */
interface Extremes {
  metric: string;
  resolution: Resolution;
  start: number;
  min?: number;
  max?: number;
  lastAt: number;
}

/** The extremes of each bucket a set of points falls in, per metric and resolution. */
function bucketExtremes(points: TimedPoint[]): Extremes[] {
  const buckets = new Map<string, Extremes>();
  for (const { point, atMs } of points) {
    for (const resolution of resolutions) {
      const start = bucketStart(atMs, resolution);
      const id = `${point.metric}|${resolution}|${start}`;
      const b = buckets.get(id) ?? { metric: point.metric, resolution, start, lastAt: atMs };
      if ('value' in point) {
        b.min = Math.min(b.min ?? point.value, point.value);
        b.max = Math.max(b.max ?? point.value, point.value);
      }
      b.lastAt = Math.max(b.lastAt, atMs);
      buckets.set(id, b);
    }
  }
  return [...buckets.values()];
}

/** The bucket of one resolution a point falls in. */
const bucketKey = (partnerId: string, metric: string, resolution: Resolution, start: number) =>
  RollupEntity.key({ partnerId, metric, resolution, start: new Date(start).toISOString() });

/**
 * What one point adds to its 5-minute, hourly and daily buckets (created on the first add): the counts only, which
 * add up whatever the order; the bulk commit merges the adds of points that share a bucket in one transaction.
 */
export function bucketAdds(partnerId: string, { point, atMs }: TimedPoint): AddWrite[] {
  const add =
    'value' in point
      ? { sum: point.value, count: 1, good: 0, total: 0 }
      : { sum: 0, count: 0, good: point.good, total: point.total };
  return resolutions.map((resolution) => {
    const start = bucketStart(atMs, resolution);
    return {
      kind: 'add',
      key: bucketKey(partnerId, point.metric, resolution, start),
      add,
      set: {
        type: RollupEntity.type,
        resolution,
        start,
        metric: point.metric,
        ...(resolution === 'PT5M' ? { ttl: Math.floor((start + FIVE_MINUTE_RETENTION_MS) / 1000) } : {}),
      },
    };
  });
}

/**
 * min, max and lastAt only ever move one way: conditional updates that are safe to repeat. lastAt is kept on
 * each metric's newest bucket per resolution (older buckets answer "last report" with their start).
 */
export async function applyExtremes(partnerId: string, points: TimedPoint[]): Promise<void> {
  const newest = new Map<string, number>();
  const buckets = bucketExtremes(points);
  for (const b of buckets) {
    const id = `${b.metric}|${b.resolution}`;
    newest.set(id, Math.max(newest.get(id) ?? 0, b.start));
  }
  const bounds: BoundWrite[] = [];
  for (const b of buckets) {
    const key = bucketKey(partnerId, b.metric, b.resolution, b.start);
    const bound = (field: string, value: number, keep: 'min' | 'max'): BoundWrite => ({
      kind: 'bound',
      key,
      field,
      value,
      keep,
    });
    if (newest.get(`${b.metric}|${b.resolution}`) === b.start) bounds.push(bound('lastAt', b.lastAt, 'max'));
    if (b.min !== undefined) bounds.push(bound('min', b.min, 'min'));
    if (b.max !== undefined) bounds.push(bound('max', b.max, 'max'));
  }
  await applyBounds(bounds);
}
