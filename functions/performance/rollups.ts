import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { keys } from '#shared/db/keys';
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
  const [lower, upper] = keys.rollupRange(new Date(from).toISOString(), new Date(to).toISOString());
  const byResolution: Record<Resolution, Bucket[]> = { PT5M: [], PT1H: [], P1D: [] };
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': keys.metricSeries(partnerId, metric), ':from': lower, ':to': upper },
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

export interface Increment {
  metric: string;
  resolution: Resolution;
  start: number;
  sum: number;
  count: number;
  good: number;
  total: number;
  ttl?: number;
  min?: number;
  max?: number;
  lastAt: number;
}

/** What a set of points adds to each bucket they fall in, per metric and resolution. */
export function bucketIncrements(points: TimedPoint[]): Map<string, Increment> {
  const buckets = new Map<string, Increment>();
  for (const { point, atMs } of points) {
    for (const resolution of resolutions) {
      const start = bucketStart(atMs, resolution);
      const id = `${point.metric}|${resolution}|${start}`;
      const b = buckets.get(id) ?? {
        metric: point.metric,
        resolution,
        start,
        sum: 0,
        count: 0,
        good: 0,
        total: 0,
        lastAt: atMs,
        ...(resolution === 'PT5M' ? { ttl: Math.floor((start + FIVE_MINUTE_RETENTION_MS) / 1000) } : {}),
      };
      if ('value' in point) {
        b.sum += point.value;
        b.count += 1;
        b.min = Math.min(b.min ?? point.value, point.value);
        b.max = Math.max(b.max ?? point.value, point.value);
      } else {
        b.good += point.good;
        b.total += point.total;
      }
      b.lastAt = Math.max(b.lastAt, atMs);
      buckets.set(id, b);
    }
  }
  return buckets;
}

/**
 * min, max and lastAt only ever move one way: conditional updates that are safe to repeat. lastAt is kept on
 * each metric's newest bucket per resolution (older buckets answer "last report" with their start).
 */
export async function applyExtremes(partnerId: string, points: TimedPoint[]): Promise<void> {
  const newest = new Map<string, number>();
  const increments = [...bucketIncrements(points).values()];
  for (const b of increments) {
    const id = `${b.metric}|${b.resolution}`;
    newest.set(id, Math.max(newest.get(id) ?? 0, b.start));
  }
  const updates: (() => Promise<void>)[] = [];
  for (const b of increments) {
    const key = keys.rollup(partnerId, b.metric, b.resolution, new Date(b.start).toISOString());
    if (newest.get(`${b.metric}|${b.resolution}`) === b.start) updates.push(() => raise(key, 'lastAt', b.lastAt, '<'));
    if (b.min !== undefined) updates.push(() => raise(key, 'min', b.min!, '>'));
    if (b.max !== undefined) updates.push(() => raise(key, 'max', b.max!, '<'));
  }
  // A few at a time: a backfill of many buckets should not flood the table with parallel writes.
  for (let i = 0; i < updates.length; i += 16) await Promise.all(updates.slice(i, i + 16).map((u) => u()));
}

async function raise(
  key: { PK: string; SK: string },
  field: string,
  value: number,
  replaceWhenStored: '<' | '>',
): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET #f = :v',
        ConditionExpression: `attribute_exists(PK) AND (attribute_not_exists(#f) OR #f ${replaceWhenStored} :v)`,
        ExpressionAttributeNames: { '#f': field },
        ExpressionAttributeValues: { ':v': value },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
