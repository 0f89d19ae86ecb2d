import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SalesReported } from '#functions/supply/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commitBatch, MAX_TRANSACTION_ITEMS } from '#shared/db/bulk';
import { db, tableName } from '#shared/db/client';
import { commit, type AuditInput, type Write } from '#shared/db/commit';
import { getItems, queryPage, type Page } from '#shared/db/repository';
import { granularityOf, periodStart, type Granularity } from '#functions/supply/domain/period';
import { SalesRecord } from '#functions/supply/domain/schemas';
import { ProductEntity, SalesRecordEntity, salesOf, salesRange, SeriesEntryEntity } from '#functions/supply/entities';
import { ConflictError, fieldErrors } from '#shared/errors';
import { getPartner } from '#functions/partners/index';

/**
 * Sell-through: a partner reports units sold per SKU and period (ISO week or month). A record is keyed by
 * partner, SKU, granularity and period, so a re-sent record replaces the stored one (a correction), never adds
 * to it. Records are checked one by one like metric points: bad ones are rejected with a reason, the rest are
 * stored. After the writes each touched series recounts its periods (one COUNT Query) and, once it has
 * enough history (`MIN_HISTORY`, entities.ts), joins the forecast job's index.
 */

/** Records per transaction: one item each, beside the transaction's audit entry and the report's event. */
const CHUNK = MAX_TRANSACTION_ITEMS - 2;

export interface SalesSummary {
  accepted: number;
  replaced: number;
  rejected: { index: number; error: string }[];
}

interface Candidate {
  index: number;
  record: SalesRecord;
  granularity: Granularity;
}

export async function reportSales(ctx: OperationContext, partnerId: string, raw: unknown[]): Promise<SalesSummary> {
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded') throw new ConflictError('The partner is offboarded: it reports no more sales');

  const rejected: SalesSummary['rejected'] = [];
  const byKey = new Map<string, Candidate>();
  const now = nowMs();
  raw.forEach((value, index) => {
    const parsed = SalesRecord.safeParse(value);
    if (!parsed.success) {
      const first = fieldErrors(parsed.error, `records.${index}`)[0];
      return void rejected.push({ index, error: first ? `${first.path}: ${first.message}` : 'invalid record' });
    }
    const record = parsed.data;
    if (periodStart(record.period) > now)
      return void rejected.push({ index, error: `records.${index}.period: has not started yet` });
    // The same SKU and period twice in one batch: the later one wins, as a re-sent record would.
    byKey.set(`${record.sku}|${record.period}`, { index, record, granularity: granularityOf(record.period)! });
  });

  const skus = [...new Set([...byKey.values()].map((c) => c.record.sku))];
  const known = new Set(
    (
      await getItems(
        skus.map((sku) => ProductEntity.key({ sku })),
        { attributes: ['PK', 'SK'] },
      )
    ).map((item) => item.SK),
  );
  const candidates: Candidate[] = [];
  for (const candidate of byKey.values()) {
    if (known.has(candidate.record.sku)) candidates.push(candidate);
    else
      rejected.push({
        index: candidate.index,
        error: `records.${candidate.index}.sku: no product with SKU ${candidate.record.sku}`,
      });
  }
  rejected.sort((a, b) => a.index - b.index);
  if (candidates.length === 0) return { accepted: 0, replaced: 0, rejected };

  const existing = await getItems(
    candidates.map((c) => SalesRecordEntity.key(recordKey(partnerId, c))),
    { attributes: ['PK', 'SK'] },
  );
  const replaced = existing.length;
  const periods = [...new Set(candidates.map((c) => c.record.period))].sort();
  const reported = outboxEvent(ctx, SalesReported, partnerId, {
    skus: skus.filter((s) => known.has(s)).sort(),
    periods,
    accepted: candidates.length,
    replaced,
  });
  await storeRecords(ctx, partnerId, candidates, reported);

  const series = new Map<string, { sku: string; granularity: Granularity }>();
  for (const c of candidates)
    series.set(`${c.record.sku}|${c.granularity}`, { sku: c.record.sku, granularity: c.granularity });
  const counts = [];
  for (const s of series.values()) counts.push({ ...s, periods: await countPeriods(partnerId, s.sku, s.granularity) });
  await storeSeriesEntries(ctx, partnerId, counts);
  return { accepted: candidates.length, replaced, rejected };
}

const recordKey = (partnerId: string, c: Candidate) => ({
  partnerId,
  sku: c.record.sku,
  granularity: c.granularity,
  period: c.record.period,
});

/**
 * The records, `CHUNK` to a transaction, each with its audit entry; the report's event goes with the last. The
 * first transaction is the shared commit, which carries the request's Idempotency-Key (a retried report gets the
 * first answer); the rest is its bulk variant, packed the same way.
 */
async function storeRecords(
  ctx: OperationContext,
  partnerId: string,
  candidates: Candidate[],
  reported: ReturnType<typeof outboxEvent>,
): Promise<void> {
  const at = nowIso();
  const unitOf = (c: Candidate): { candidate: Candidate; writes: Write[] } => ({
    candidate: c,
    writes: [
      SalesRecordEntity.put({
        ...recordKey(partnerId, c),
        units: c.record.units,
        reportedAt: at,
        reportedBy: ctx.actor.sub,
      }),
    ],
  });
  const audit = (chunk: Candidate[]): AuditInput => ({
    action: 'sales.reported',
    entityType: 'sales',
    entityId: [...new Set(chunk.map((c) => c.record.sku))].sort().join(','),
    partnerId,
    note: `${chunk.length} record(s) ${chunk[0]!.record.period}..${chunk[chunk.length - 1]!.record.period}`,
  });
  const first = candidates.slice(0, CHUNK);
  const rest = candidates.slice(CHUNK);
  await commit(ctx, {
    writes: first.flatMap((c) => unitOf(c).writes),
    audit: audit(first),
    events: rest.length ? [] : [reported],
  });
  if (rest.length === 0) return;
  await commitBatch(ctx, rest.map(unitOf), {
    audit: (units) => audit(units.map((u) => u.candidate)),
    events: [reported],
  });
}

/** A series' period count: a COUNT Query, so corrections and concurrent reports never skew it. */
async function countPeriods(partnerId: string, sku: string, granularity: Granularity): Promise<number> {
  const { PK, skPrefix } = salesOf(partnerId, sku, granularity);
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': PK, ':prefix': skPrefix },
        Select: 'COUNT',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    count += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return count;
}

/**
 * The series entries carry the counts, and the forecast index keys once a series has `MIN_HISTORY` periods (the
 * entity decides). Derived data, rewritten whole: no version, no audit entry; one transaction for up to 100 series.
 */
async function storeSeriesEntries(
  ctx: OperationContext,
  partnerId: string,
  series: { sku: string; granularity: Granularity; periods: number }[],
): Promise<void> {
  const updatedAt = nowIso();
  await commitBatch(
    ctx,
    series.map((s) => ({ writes: [SeriesEntryEntity.put({ partnerId, ...s, updatedAt })] })),
  );
}

export interface SalesPoint {
  sku: string;
  period: string;
  units: number;
  reportedAt: string;
  reportedBy: string;
}

/** A partner's series for one SKU, oldest first: one Query per page. */
export async function listSales(
  partnerId: string,
  sku: string,
  query: { granularity: Granularity; from?: string | undefined; to?: string | undefined },
  page: { limit: number; cursor?: string },
): Promise<Page<SalesPoint>> {
  const { PK, skPrefix } = salesOf(partnerId, sku, query.granularity);
  const sort =
    query.from || query.to
      ? { between: salesRange(query.granularity, query.from ?? '0000', query.to ?? '9999~') }
      : { beginsWith: skPrefix };
  const result = await queryPage<SalesPoint & { partnerId?: string; granularity?: string }>({
    partition: PK,
    sort,
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return {
    items: result.items.map(({ sku: s, period, units, reportedAt, reportedBy }) => ({
      sku: s,
      period,
      units,
      reportedAt,
      reportedBy,
    })),
    ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}),
  };
}
