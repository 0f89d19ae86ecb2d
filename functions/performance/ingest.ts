import { createHash } from 'node:crypto';
import { MetricsIngested } from '#functions/performance/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commitBatch, type BulkUnit, type ClaimWrite } from '#shared/db/bulk';
import { commit } from '#shared/db/commit';
import {
  MAX_FUTURE_MS,
  MetricPoint,
  RAW_RETENTION_DAYS,
  type IngestResult,
} from '#functions/performance/domain/metric';
import { ConflictError, fieldErrors } from '#shared/errors';
import { getPartner } from '#functions/partners/index';
import { MetricPointEntity } from '#functions/performance/entities';
import { applyExtremes, bucketAdds, type TimedPoint } from '#functions/performance/rollups';

const DAY_MS = 24 * 3600 * 1000;

interface Candidate extends TimedPoint {
  index: number;
}

/** One point's writes for the bulk commit: its raw item (the claim of its identity) and its bucket adds. */
interface PointUnit extends BulkUnit {
  candidate: Candidate;
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
  // In time order per metric, so points packed in one transaction share their bucket adds.
  const sorted = [...candidates].sort((a, b) => a.point.metric.localeCompare(b.point.metric) || a.atMs - b.atMs);
  const outcome = await commitBatch(
    ctx,
    sorted.map((candidate) => pointUnit(ctx, partnerId, candidate)),
  );
  const stored = outcome.written.map((unit) => unit.candidate);
  const known: Known[] = outcome.existing.map(({ unit, stored: item }) => ({
    candidate: unit.candidate,
    stored: storedPoint(item),
  }));
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

/** A point without a client id is identified by what it says: metric, time and reading. */
function contentHash(point: MetricPoint, atMs: number): string {
  const reading = 'value' in point ? `v${point.value}` : `g${point.good}/${point.total}`;
  return createHash('sha256').update(`${point.metric}|${atMs}|${reading}`).digest('base64url').slice(0, 22);
}

/** The point's raw item, put only if its identity is not stored yet: its key names the identity. */
function pointClaim(ctx: OperationContext, partnerId: string, { point, atMs }: TimedPoint): ClaimWrite {
  const at = new Date(atMs).toISOString();
  const identity =
    point.id !== undefined
      ? { partnerId, metric: point.metric, clientId: point.id }
      : { partnerId, metric: point.metric, at, contentHash: contentHash(point, atMs) };
  return {
    kind: 'claim',
    item: {
      ...MetricPointEntity.storage(identity),
      metric: point.metric,
      at,
      ...('value' in point ? { value: point.value } : { good: point.good, total: point.total }),
      ...(point.id !== undefined ? { clientId: point.id } : {}),
      by: ctx.actor.sub,
      receivedAt: nowIso(),
      // The identity outlives every retry that could still be accepted: a point is taken until it is 400 days old.
      ttl: Math.floor((Math.max(nowMs(), atMs) + RAW_RETENTION_DAYS * DAY_MS) / 1000),
    },
  };
}

/** A point stored with its rollups in one transaction: nothing is counted without its raw item. */
function pointUnit(ctx: OperationContext, partnerId: string, candidate: Candidate): PointUnit {
  return { candidate, writes: [pointClaim(ctx, partnerId, candidate), ...bucketAdds(partnerId, candidate)] };
}

/** The point as it was counted when first stored (the raw item the failed claim returned). */
function storedPoint(item: Record<string, unknown> | undefined): TimedPoint | undefined {
  if (!item) return undefined;
  const parsed = MetricPoint.safeParse(pick(item, ['metric', 'at', 'value', 'good', 'total']));
  return parsed.success ? { point: parsed.data, atMs: Date.parse(parsed.data.at) } : undefined;
}

function pick(item: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
}
