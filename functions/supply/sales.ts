import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SalesReported } from '#functions/supply/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { db, tableName } from '#shared/db/client';
import { commit, put } from '#shared/db/commit';
import { keys } from '#shared/db/keys';
import { getItems, queryPage, type Page } from '#shared/db/repository';
import { granularityOf, periodStart, type Granularity } from '#functions/supply/domain/period';
import { SalesRecord } from '#functions/supply/domain/schemas';
import { ConflictError, fieldErrors } from '#shared/errors';
import { getPartner } from '#functions/partners/partners';

/**
 * Sell-through: a partner reports units sold per SKU and period (ISO week or month). A record is keyed by
 * partner, SKU, granularity and period, so a re-sent record replaces the stored one (a correction), never adds
 * to it. Records are checked one by one like metric points: bad ones are rejected with a reason, the rest are
 * stored. After the writes each touched series recounts its periods (one COUNT Query) and, once it has
 * `MIN_HISTORY` periods, joins the forecast job's index.
 */

export const MIN_HISTORY = 6;
/** Puts per transaction: 100 items at most, one of them the audit entry and one the event. */
const CHUNK = 98;

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
        skus.map((sku) => keys.product(sku)),
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
    candidates.map((c) => keys.salesRecord(partnerId, c.record.sku, c.granularity, c.record.period)),
    { attributes: ['PK', 'SK'] },
  );
  const replaced = existing.length;
  const at = nowIso();
  const periods = [...new Set(candidates.map((c) => c.record.period))].sort();
  for (let start = 0; start < candidates.length; start += CHUNK) {
    const chunk = candidates.slice(start, start + CHUNK);
    const last = start + CHUNK >= candidates.length;
    await commit(ctx, {
      writes: chunk.map((c) =>
        put({
          ...keys.salesRecord(partnerId, c.record.sku, c.granularity, c.record.period),
          type: 'SalesRecord',
          partnerId,
          sku: c.record.sku,
          granularity: c.granularity,
          period: c.record.period,
          units: c.record.units,
          reportedAt: at,
          reportedBy: ctx.actor.sub,
        }),
      ),
      audit: {
        action: 'sales.reported',
        entityType: 'sales',
        entityId: [...new Set(chunk.map((c) => c.record.sku))].sort().join(','),
        partnerId,
        note: `${chunk.length} record(s) ${chunk[0]!.record.period}..${chunk[chunk.length - 1]!.record.period}`,
      },
      events: last
        ? [
            outboxEvent(ctx, SalesReported, partnerId, {
              skus: skus.filter((s) => known.has(s)).sort(),
              periods,
              accepted: candidates.length,
              replaced,
            }),
          ]
        : [],
    });
  }
  const series = new Map<string, { sku: string; granularity: Granularity }>();
  for (const c of candidates)
    series.set(`${c.record.sku}|${c.granularity}`, { sku: c.record.sku, granularity: c.granularity });
  for (const s of series.values()) await refreshSeriesEntry(partnerId, s.sku, s.granularity);
  return { accepted: candidates.length, replaced, rejected };
}

/**
 * The series entry counts the series' periods (a COUNT Query, so corrections and concurrent reports never skew
 * it) and carries the forecast index keys once there is enough history. Derived data: a plain update.
 */
export async function refreshSeriesEntry(partnerId: string, sku: string, granularity: Granularity): Promise<number> {
  const { PK, skPrefix } = keys.salesOf(partnerId, sku, granularity);
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
  const ready = count >= MIN_HISTORY ? keys.forecastableSeries(partnerId, sku, granularity) : undefined;
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.seriesEntry(partnerId, sku, granularity),
      UpdateExpression: `SET #type = :type, partnerId = :p, sku = :sku, granularity = :g, periods = :n, updatedAt = :now${ready ? ', GSI2PK = :gpk, GSI2SK = :gsk' : ''}`,
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':type': 'DemandSeries',
        ':p': partnerId,
        ':sku': sku,
        ':g': granularity,
        ':n': count,
        ':now': nowIso(),
        ...(ready ? { ':gpk': ready.GSI2PK, ':gsk': ready.GSI2SK } : {}),
      },
    }),
  );
  return count;
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
  const { PK, skPrefix } = keys.salesOf(partnerId, sku, query.granularity);
  const sort =
    query.from || query.to
      ? { between: keys.salesRange(query.granularity, query.from ?? '0000', query.to ?? '9999~') }
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
