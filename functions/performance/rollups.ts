import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { keys } from '#shared/db/keys';
import { resolutions, type Bucket, type Resolution, type Rollups } from '#shared/domain/performance/windows';

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
