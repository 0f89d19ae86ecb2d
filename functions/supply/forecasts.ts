import * as z from 'zod';
import { queryAll } from '#shared/db/repository';
import type { ConsensusPoint } from '#functions/supply/domain/consensus';
import type { Granularity } from '#functions/supply/domain/period';
import { ConsensusSchema, ForecastViewSchema, SummaryRowSchema } from '#functions/supply/domain/schemas';
import { skuDemandOf } from '#functions/supply/entities';
import type { Page } from '#shared/db/repository';
import { getPartner } from '#functions/partners/index';
import { levelsOf } from '#functions/supply/inventory';
import { networkCover } from '#functions/supply/network-cover';
import { getProduct, listProducts } from '#functions/supply/products';
import { readPartition } from '#functions/supply/series-forecast';

type ForecastView = z.infer<typeof ForecastViewSchema>;

/**
 * A partner's forecast for one SKU: history, its commit (and earlier versions), the latest statistical forecast
 * with intervals, model and accuracy, and the consensus. One Query over the series partition.
 */
export async function forecastView(partnerId: string, sku: string, granularity: Granularity): Promise<ForecastView> {
  await Promise.all([getPartner(partnerId), getProduct(sku)]);
  const partition = await readPartition(partnerId, sku, granularity);
  const latest = [...partition.stats].sort((a, b) => a.origin.localeCompare(b.origin)).pop();
  const head = partition.head?.granularity === granularity ? partition.head : undefined;
  return {
    partnerId,
    sku,
    granularity,
    history: partition.sales
      .map((s) => ({ period: s.period, units: s.units }))
      .sort((a, b) => a.period.localeCompare(b.period)),
    ...(head ? { commit: head } : {}),
    commitHistory: partition.commits
      .filter((c) => c.granularity === granularity)
      .map((c) => ({ version: c.version, committedAt: c.committedAt, committedBy: c.committedBy, periods: c.periods })),
    ...(latest
      ? {
          statistical: {
            origin: latest.origin,
            model: latest.model,
            mase: latest.mase,
            smape: latest.smape,
            points: latest.points,
            notes: latest.notes,
            fittedAt: latest.fittedAt,
          },
        }
      : {}),
    ...(partition.consensus ? { consensus: partition.consensus as z.infer<typeof ConsensusSchema> } : {}),
  };
}

export const CoverRowSchema = z.object({
  location: z.string(),
  available: z.number(),
  dailyDemand: z.number(),
  daysOfCover: z.number().nullable(),
  leadTimeDays: z.number().int(),
  belowLeadTime: z.boolean(),
  suggestedReplenishment: z.number().int(),
  /** Partners whose demand the location serves (those it is shared with that have demand). */
  partnersServed: z.number().int(),
});
export const SkuSummarySchema = z.object({
  sku: z.string(),
  periods: z.array(SummaryRowSchema),
  /** Days of cover of each location against the consensus demand of the partners it is shared with. */
  cover: z.array(CoverRowSchema),
});
type SkuSummary = z.infer<typeof SkuSummarySchema>;

interface SkuDemand {
  partnerId: string;
  dailyDemand: number;
  points: ConsensusPoint[];
}

/**
 * The vendor's view across partners: per SKU and period, the statistical forecasts, partner commits and consensus
 * added up, and the gap between what partners committed and what the statistics say for those partners. One
 * Query per SKU (the SKU's demand partition) plus one for its inventory levels.
 */
export async function demandSummary(
  filter: { sku?: string | undefined; period?: string | undefined; granularity: Granularity },
  page: { limit: number; cursor?: string },
): Promise<Page<SkuSummary>> {
  if (filter.sku) {
    const product = await getProduct(filter.sku);
    return { items: [await summarize(product.sku, product.leadTimeDays, filter)] };
  }
  const products = await listProducts({}, page);
  return {
    items: await Promise.all(products.items.map((p) => summarize(p.sku, p.leadTimeDays, filter))),
    ...(products.nextCursor ? { nextCursor: products.nextCursor } : {}),
  };
}

async function summarize(
  sku: string,
  leadTimeDays: number,
  filter: { period?: string | undefined; granularity: Granularity },
): Promise<SkuSummary> {
  const { PK, skPrefix } = skuDemandOf(sku, filter.granularity);
  const demands: SkuDemand[] = [];
  for await (const page of queryAll<SkuDemand>({ partition: PK, sort: { beginsWith: skPrefix }, limit: 500 }))
    demands.push(...page);
  const rows = new Map<
    string,
    { partners: number; statistical: number; committed: number; consensus: number; gap: number; committedStat: number }
  >();
  for (const demand of demands) {
    for (const p of demand.points) {
      if (filter.period && p.period !== filter.period) continue;
      const row = rows.get(p.period) ?? {
        partners: 0,
        statistical: 0,
        committed: 0,
        consensus: 0,
        gap: 0,
        committedStat: 0,
      };
      row.partners += 1;
      row.statistical += p.stat;
      row.consensus += p.units;
      if (p.partner !== undefined) {
        row.committed += p.partner;
        row.gap += p.partner - p.stat;
        row.committedStat += p.stat;
      }
      rows.set(p.period, row);
    }
  }
  const r2 = (v: number) => Math.round(v * 100) / 100;
  const periods = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, row]) => ({
      sku,
      period,
      partners: row.partners,
      statistical: r2(row.statistical),
      committed: r2(row.committed),
      consensus: r2(row.consensus),
      gap: r2(row.gap),
      gapPercent: row.committedStat > 0 ? r2((100 * row.gap) / row.committedStat) : null,
    }));
  const byPartner = new Map(demands.map((d) => [d.partnerId, d.dailyDemand] as const));
  const coverRows = networkCover(await levelsOf(sku), byPartner, leadTimeDays).map((c) => ({
    location: c.location,
    available: c.available,
    dailyDemand: c.dailyDemand,
    daysOfCover: c.daysOfCover,
    leadTimeDays,
    belowLeadTime: c.belowLeadTime,
    suggestedReplenishment: c.suggestedReplenishment,
    partnersServed: c.partnersServed,
  }));
  return { sku, periods, cover: coverRows };
}
