import { createHash } from 'node:crypto';
import { TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { MetricsIngested } from '#functions/performance/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { db, tableName } from '#shared/db/client';
import { commit } from '#shared/db/commit';
import { keys } from '#shared/db/keys';
import {
  MAX_FUTURE_MS,
  MetricPoint,
  RAW_RETENTION_DAYS,
  type IngestResult,
} from '#functions/performance/domain/metric';
import { bucketStart, resolutions } from '#functions/performance/domain/windows';
import { ConflictError, fieldErrors } from '#shared/errors';
import { getPartner } from '#functions/partners/partners';
import { applyExtremes, bucketIncrements, type TimedPoint } from '#functions/performance/rollups';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const DAY_MS = 24 * 3600 * 1000;
/** DynamoDB takes at most 100 items per transaction: raw points plus the buckets they add to. */
const MAX_TRANSACTION_ITEMS = 100;

interface Candidate extends TimedPoint {
  index: number;
}

/** A point whose identity was stored before: `stored` is what was counted then (the first report wins). */
interface Known {
  candidate: Candidate;
  stored: TimedPoint | undefined;
}

/**
 * Accepts a batch of metric points. Each point is stored once (its raw item is written only if absent, keyed by
 * the client's id within the partner's metric, or by its content) in the same transaction that adds it to its
 * 5-minute, hourly and daily rollup buckets, so a retried batch never double-counts, even when the retry changed
 * a point's time or reading. min, max and the last report time are monotonic and are applied after, to new
 * points and to known points as they were first stored, so a retry also repairs an interrupted run.
 * One MetricsIngested event per batch (with the audit entry) lets the SLA evaluator look within seconds.
 */
export async function ingestPoints(ctx: OperationContext, partnerId: string, raw: unknown[]): Promise<IngestResult> {
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded') throw new ConflictError('The partner is offboarded: it reports no more metrics');

  const { candidates, repeated, rejected } = validate(raw);
  const stored: Candidate[] = [];
  const known: Known[] = [];
  for (const chunk of packTransactions(candidates)) {
    const outcome = await storeChunk(ctx, partnerId, chunk);
    stored.push(...outcome.stored);
    known.push(...outcome.known);
  }
  const counted = [...stored, ...known.flatMap((k) => (k.stored ? [k.stored] : []))];
  await applyExtremes(partnerId, counted);

  const duplicated = [...repeated, ...known.map((k) => k.candidate)]
    .sort((a, b) => a.index - b.index)
    .map(({ index, point }) => ({ index, ...(point.id !== undefined ? { id: point.id } : {}) }));
  const accepted = stored.length;
  if (counted.length > 0) {
    const times = counted.map((c) => c.atMs);
    const metrics = [...new Set(counted.map((c) => c.point.metric))].sort();
    await commit(ctx, {
      writes: [],
      audit: {
        action: 'metrics.ingested',
        entityType: 'metrics',
        entityId: metrics.join(','),
        partnerId,
        note: `${accepted} new point(s), ${duplicated.length} already known, ${rejected.length} rejected`,
      },
      events: [
        outboxEvent(ctx, MetricsIngested, partnerId, {
          metrics,
          from: new Date(Math.min(...times)).toISOString(),
          to: new Date(Math.max(...times)).toISOString(),
          points: accepted,
        }),
      ],
    });
  }
  return { accepted, duplicates: duplicated.length, duplicated, rejected };
}

/** Splits a batch: valid points (the first of each identity), later repeats of an identity, and rejected points. */
function validate(raw: unknown[]): {
  candidates: Candidate[];
  repeated: Candidate[];
  rejected: IngestResult['rejected'];
} {
  const candidates: Candidate[] = [];
  const repeated: Candidate[] = [];
  const rejected: IngestResult['rejected'] = [];
  const oldest = nowMs() - RAW_RETENTION_DAYS * DAY_MS;
  const newest = nowMs() + MAX_FUTURE_MS;
  const seen = new Set<string>();
  raw.forEach((value, index) => {
    const parsed = MetricPoint.safeParse(value);
    if (!parsed.success) {
      const first = fieldErrors(parsed.error, `points.${index}`)[0];
      rejected.push({ index, error: first ? `${first.path}: ${first.message}` : 'invalid point' });
      return;
    }
    const point = parsed.data;
    const atMs = Date.parse(point.at);
    if (atMs > newest) return void rejected.push({ index, error: `points.${index}.at: is in the future` });
    if (atMs < oldest)
      return void rejected.push({ index, error: `points.${index}.at: is older than ${RAW_RETENTION_DAYS} days` });
    const candidate = { index, point, atMs };
    const identity = `${point.metric}|${point.id !== undefined ? `id|${point.id}` : `content|${contentHash(point, atMs)}`}`;
    if (seen.has(identity)) return void repeated.push(candidate);
    seen.add(identity);
    candidates.push(candidate);
  });
  return { candidates, repeated, rejected };
}

/**
 * Packs points in time order into transactions of at most 100 items: a point costs its raw item plus any
 * bucket the transaction does not touch yet, so points reported close together share bucket updates.
 */
function packTransactions(candidates: Candidate[]): Candidate[][] {
  const sorted = [...candidates].sort((a, b) => a.point.metric.localeCompare(b.point.metric) || a.atMs - b.atMs);
  const chunks: Candidate[][] = [];
  let chunk: Candidate[] = [];
  let buckets = new Set<string>();
  for (const candidate of sorted) {
    const ids = resolutions.map((r) => `${candidate.point.metric}|${r}|${bucketStart(candidate.atMs, r)}`);
    const added = ids.filter((id) => !buckets.has(id)).length;
    if (chunk.length > 0 && chunk.length + 1 + buckets.size + added > MAX_TRANSACTION_ITEMS) {
      chunks.push(chunk);
      chunk = [];
      buckets = new Set();
    }
    chunk.push(candidate);
    ids.forEach((id) => buckets.add(id));
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** A point without a client id is identified by what it says: metric, time and reading. */
function contentHash(point: MetricPoint, atMs: number): string {
  const reading = 'value' in point ? `v${point.value}` : `g${point.good}/${point.total}`;
  return createHash('sha256').update(`${point.metric}|${atMs}|${reading}`).digest('base64url').slice(0, 22);
}

function rawKey(partnerId: string, { point, atMs }: TimedPoint) {
  return point.id !== undefined
    ? keys.metricPointById(partnerId, point.metric, point.id)
    : keys.metricPointByContent(partnerId, point.metric, new Date(atMs).toISOString(), contentHash(point, atMs));
}

/** Writes the chunk's new points with their bucket increments; the others come back as known, with what was stored. */
async function storeChunk(
  ctx: OperationContext,
  partnerId: string,
  chunk: Candidate[],
): Promise<{ stored: Candidate[]; known: Known[] }> {
  let pending = chunk;
  const known: Known[] = [];
  let conflicts = 0;
  while (pending.length > 0) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: transactItems(ctx, partnerId, pending) }));
      return { stored: pending, known };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      // Raw point puts come first, one per pending point: a failed condition there means "already stored".
      const failed = new Set(pending.map((_, i) => i).filter((i) => reasons[i]?.Code === 'ConditionalCheckFailed'));
      if (failed.size > 0) {
        pending.forEach((candidate, i) => {
          if (failed.has(i)) known.push({ candidate, stored: storedPoint(reasons[i]?.Item) });
        });
        pending = pending.filter((_, i) => !failed.has(i));
        continue;
      }
      // Another batch is adding to the same bucket right now: nothing was written, try again.
      if (reasons.some((r) => r.Code === 'TransactionConflict') && ++conflicts < 8) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * conflicts));
        continue;
      }
      throw error;
    }
  }
  return { stored: [], known };
}

/** The point as it was counted when first stored (the raw item the failed condition returned). */
function storedPoint(item: Record<string, AttributeValue> | undefined): TimedPoint | undefined {
  if (!item) return undefined;
  const parsed = MetricPoint.safeParse(pick(unmarshall(item), ['metric', 'at', 'value', 'good', 'total']));
  return parsed.success ? { point: parsed.data, atMs: Date.parse(parsed.data.at) } : undefined;
}

function pick(item: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
}

function transactItems(ctx: OperationContext, partnerId: string, points: Candidate[]): TransactItem[] {
  const TableName = tableName();
  const items: TransactItem[] = points.map((candidate) => {
    const { point, atMs } = candidate;
    return {
      Put: {
        TableName,
        Item: {
          ...rawKey(partnerId, candidate),
          type: 'MetricPoint',
          metric: point.metric,
          at: new Date(atMs).toISOString(),
          ...('value' in point ? { value: point.value } : { good: point.good, total: point.total }),
          ...(point.id !== undefined ? { clientId: point.id } : {}),
          by: ctx.actor.sub,
          receivedAt: nowIso(),
          // The identity outlives every retry that could still be accepted: a point is taken until it is 400 days old.
          ttl: Math.floor((Math.max(nowMs(), atMs) + RAW_RETENTION_DAYS * DAY_MS) / 1000),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  });
  for (const bucket of bucketIncrements(points).values()) {
    items.push({
      Update: {
        TableName,
        Key: keys.rollup(partnerId, bucket.metric, bucket.resolution, new Date(bucket.start).toISOString()),
        UpdateExpression:
          'ADD #sum :sum, #count :count, good :good, #total :total SET #type = :type, #res = :res, #start = :start, metric = :metric' +
          (bucket.ttl ? ', #ttl = :ttl' : ''),
        ExpressionAttributeNames: {
          '#sum': 'sum',
          '#count': 'count',
          '#total': 'total',
          '#type': 'type',
          '#res': 'resolution',
          '#start': 'start',
          ...(bucket.ttl ? { '#ttl': 'ttl' } : {}),
        },
        ExpressionAttributeValues: {
          ':sum': bucket.sum,
          ':count': bucket.count,
          ':good': bucket.good,
          ':total': bucket.total,
          ':type': 'Rollup',
          ':res': bucket.resolution,
          ':start': bucket.start,
          ':metric': bucket.metric,
          ...(bucket.ttl ? { ':ttl': bucket.ttl } : {}),
        },
      },
    });
  }
  return items;
}
