import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { MetricsIngested } from '#events/catalog';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { db, tableName } from '#shared/db/client';
import { commit } from '#shared/db/commit';
import { keys } from '#shared/db/keys';
import { fieldErrors } from '#shared/http/validation';
import { MAX_FUTURE_MS, MetricPoint, RAW_RETENTION_DAYS } from '#shared/domain/performance/metric';
import { bucketStart, resolutions } from '#shared/domain/performance/windows';
import { ConflictError } from '#shared/http/errors';
import { getPartner } from '#functions/partners/partners';
import { applyExtremes, bucketIncrements } from '#functions/performance/rollups';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const DAY_MS = 24 * 3600 * 1000;
/** DynamoDB takes at most 100 items per transaction: raw points plus the buckets they add to. */
const MAX_TRANSACTION_ITEMS = 100;

interface Candidate {
  index: number;
  point: MetricPoint;
  atMs: number;
  pointId: string;
}

export interface IngestSummary {
  accepted: number;
  duplicates: number;
  rejected: { index: number; error: string }[];
}

/**
 * Accepts a batch of metric points. Each point is stored once (its raw item is written only if absent, keyed
 * by the client's id or by its content) in the same transaction that adds it to its 5-minute, hourly and daily
 * rollup buckets, so a retried batch never double-counts. min, max and the last report time are monotonic
 * and are applied after, to new and already-known points alike, so a retry also repairs an interrupted run.
 * One MetricsIngested event per batch (with the audit entry) lets the SLA evaluator look within seconds.
 */
export async function ingestPoints(ctx: OperationContext, partnerId: string, raw: unknown[]): Promise<IngestSummary> {
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded') throw new ConflictError('The partner is offboarded: it reports no more metrics');

  const { candidates, rejected } = validate(raw);
  let accepted = 0;
  let duplicates = 0;
  for (const chunk of packTransactions(candidates)) {
    const stored = await storeChunk(ctx, partnerId, chunk);
    accepted += stored;
    duplicates += chunk.length - stored;
  }
  await applyExtremes(partnerId, candidates);

  if (candidates.length > 0) {
    const times = candidates.map((c) => c.atMs);
    const metrics = [...new Set(candidates.map((c) => c.point.metric))].sort();
    await commit(ctx, {
      writes: [],
      audit: {
        action: 'metrics.ingested',
        entityType: 'metrics',
        entityId: metrics.join(','),
        partnerId,
        note: `${accepted} new point(s), ${duplicates} already known, ${rejected.length} rejected`,
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
  return { accepted, duplicates, rejected };
}

function validate(raw: unknown[]): { candidates: Candidate[]; rejected: IngestSummary['rejected'] } {
  const candidates: Candidate[] = [];
  const rejected: IngestSummary['rejected'] = [];
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
    if (atMs < oldest) return void rejected.push({ index, error: `points.${index}.at: is older than ${RAW_RETENTION_DAYS} days` });
    const pointId = point.id ?? contentId(point, atMs);
    const key = `${point.metric}|${atMs}|${pointId}`;
    // The same point twice in one batch counts once.
    if (seen.has(key)) return;
    seen.add(key);
    candidates.push({ index, point, atMs, pointId });
  });
  return { candidates, rejected };
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
function contentId(point: MetricPoint, atMs: number): string {
  const reading = 'value' in point ? `v${point.value}` : `g${point.good}/${point.total}`;
  return createHash('sha256').update(`${point.metric}|${atMs}|${reading}`).digest('base64url').slice(0, 22);
}

/** Writes the chunk's new points with their bucket increments; returns how many were new. */
async function storeChunk(ctx: OperationContext, partnerId: string, chunk: Candidate[]): Promise<number> {
  let pending = chunk;
  let conflicts = 0;
  while (pending.length > 0) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: transactItems(ctx, partnerId, pending) }));
      return pending.length;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      // Raw point puts come first, one per pending point: a failed condition there means "already stored".
      const known = new Set(pending.map((_, i) => i).filter((i) => reasons[i]?.Code === 'ConditionalCheckFailed'));
      if (known.size > 0) {
        pending = pending.filter((_, i) => !known.has(i));
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
  return 0;
}

function transactItems(ctx: OperationContext, partnerId: string, points: Candidate[]): TransactItem[] {
  const TableName = tableName();
  const rawTtl = Math.floor(nowMs() / 1000) + RAW_RETENTION_DAYS * 24 * 3600;
  const items: TransactItem[] = points.map(({ point, atMs, pointId }) => ({
    Put: {
      TableName,
      Item: {
        ...keys.metricPoint(partnerId, point.metric, new Date(atMs).toISOString(), pointId),
        type: 'MetricPoint',
        metric: point.metric,
        at: new Date(atMs).toISOString(),
        ...('value' in point ? { value: point.value } : { good: point.good, total: point.total }),
        ...(point.id ? { clientId: point.id } : {}),
        by: ctx.actor.sub,
        receivedAt: nowIso(),
        ttl: rawTtl,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }));
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

