import { defineEntity } from '#shared/db/entity';
import type { ConsensusPoint, Weights } from '#functions/supply/domain/consensus';
import type { Granularity } from '#functions/supply/domain/period';
import type { Commit, InventoryLevel, Product, SharedWith, StatForecast } from '#functions/supply/domain/schemas';

/**
 * The supply context's stored objects. The catalog and the stock are vendor-wide partitions (small: a page is one
 * Query); everything one partner says or is forecast about one SKU shares the series partition `F#<partnerId>#<sku>`,
 * so the forecast job reads a series with one Query; the demand of every partner for one SKU sits under
 * `DEMAND#<sku>`, so the summary and the cover check read it with one Query. SKUs, locations and partner ids never
 * contain `#`.
 */

const PRODUCTS = 'PRODUCTS';
const INVENTORY = 'INVENTORY';

/** One partner x SKU demand series: sales, commits, statistical and consensus forecasts (high volume). */
export const seriesPartition = (partnerId: string, sku: string): string => `F#${partnerId}#${sku}`;
const demandPartition = (sku: string): string => `DEMAND#${sku}`;
/** Sales sort keys carry the granularity as one letter (the layout table's placeholder shows both). */
const letter: Record<string, string> = { week: 'W', month: 'M' };
const salesPrefix = (granularity: Granularity): string => `S#${letter[granularity] ?? '<M|W>'}#`;
/** Versions are zero-padded so they sort in order. */
const pad6 = (n: number): string => String(n).padStart(6, '0');

/** A series forecasts once it has this many periods of history: it joins the forecast job's index then. */
export const MIN_HISTORY = 6;

// ---------------------------------------------------------------------------------------------- catalog and stock

export const ProductEntity = defineEntity<Product>()({
  type: 'Product',
  describe: 'the product catalog (one small partition, a page is one Query)',
  key: (p: { sku: string }) => ({ PK: PRODUCTS, SK: p.sku }),
});

/** The stored level carries who it is shared with; partners read it without that list. */
export type StoredLevel = InventoryLevel & { sharedWith: SharedWith };

export const InventoryLevelEntity = defineEntity<StoredLevel>()({
  type: 'InventoryLevel',
  describe: 'an inventory level, published by the vendor and shared per level (`sharedWith`)',
  key: (l: { sku: string; location: string }) => ({ PK: INVENTORY, SK: `${l.sku}#${l.location}` }),
});

// ---------------------------------------------------------------------------------------------- a partner's series

export interface StoredSale {
  partnerId: string;
  sku: string;
  granularity: Granularity;
  period: string;
  units: number;
  reportedAt: string;
  reportedBy: string;
}

export const SalesRecordEntity = defineEntity<StoredSale>()({
  type: 'SalesRecord',
  describe: 'a sell-through record (a re-sent period replaces it)',
  key: (s: { partnerId: string; sku: string; granularity: Granularity; period: string }) => ({
    PK: seriesPartition(s.partnerId, s.sku),
    SK: `${salesPrefix(s.granularity)}${s.period}`,
  }),
});

export interface StoredSeries {
  partnerId: string;
  sku: string;
  granularity: Granularity;
  /** How many periods the series has (a COUNT Query after each report). */
  periods: number;
  updatedAt: string;
}

export const SeriesEntryEntity = defineEntity<StoredSeries>()({
  type: 'DemandSeries',
  describe: 'a series entry: how many periods of sales it has',
  key: (s: { partnerId: string; sku: string; granularity: Granularity }) => ({
    PK: seriesPartition(s.partnerId, s.sku),
    SK: `SERIES#${s.granularity}`,
  }),
  indexes: {
    forecastable: {
      index: 'GSI2',
      purpose: "the forecast job's planner",
      when: { test: (s) => s.periods >= MIN_HISTORY, says: `once it has ${MIN_HISTORY} periods` },
      pk: () => 'SUPPLY#SERIES',
      sk: (s) => `${s.partnerId}#${s.sku}#${s.granularity}`,
    },
  },
});

export const ForecastCommitEntity = defineEntity<Commit>()({
  type: 'ForecastCommit',
  describe: "the partner's current forecast commit (versioned, If-Match)",
  key: (c: { partnerId: string; sku: string }) => ({ PK: seriesPartition(c.partnerId, c.sku), SK: 'COMMIT' }),
});

export const ForecastCommitVersionEntity = defineEntity<Commit>()({
  type: 'ForecastCommitVersion',
  describe: 'an immutable version of the forecast commit',
  key: (c: { partnerId: string; sku: string; version: number }) => ({
    PK: seriesPartition(c.partnerId, c.sku),
    SK: `COMMITV#${pad6(c.version)}`,
  }),
});

/** A fitted forecast as stored: the series' key fields are not repeated on it (its key names the series). */
export interface StoredStat extends StatForecast {
  granularity: Granularity;
  inputHash: string;
}

export const StatForecastEntity = defineEntity<StoredStat>()({
  type: 'StatForecast',
  describe: 'the statistical forecast fitted on history up to its origin',
  key: (s: { partnerId: string; sku: string; granularity: Granularity; origin: string }) => ({
    PK: seriesPartition(s.partnerId, s.sku),
    SK: `STAT#${s.granularity}#${s.origin}`,
  }),
  expires: '3 years',
});

export interface StoredConsensus {
  partnerId: string;
  sku: string;
  granularity: Granularity;
  origin: string;
  commitVersion?: number;
  weights: Weights;
  points: ConsensusPoint[];
  computedAt: string;
}

export const ConsensusForecastEntity = defineEntity<StoredConsensus>()({
  type: 'ConsensusForecast',
  describe: 'the current consensus of the statistical forecast and the commit',
  key: (c: { partnerId: string; sku: string; granularity: Granularity }) => ({
    PK: seriesPartition(c.partnerId, c.sku),
    SK: `CONS#${c.granularity}`,
  }),
});

// ---------------------------------------------------------------------------------------------- demand per SKU

export interface StoredDemand {
  partnerId: string;
  sku: string;
  granularity: Granularity;
  origin: string;
  dailyDemand: number;
  points: ConsensusPoint[];
  updatedAt: string;
}

export const SkuDemandEntity = defineEntity<StoredDemand>()({
  type: 'SkuDemand',
  describe: "one partner's current demand for a SKU (the summary, days of cover)",
  key: (d: { sku: string; granularity: Granularity; partnerId: string }) => ({
    PK: demandPartition(d.sku),
    SK: `${d.granularity}#${d.partnerId}`,
  }),
});

// ---------------------------------------------------------------------------------------------- queries

/** The whole catalog: one partition. */
export const productsPartition = PRODUCTS;

/** Levels of one SKU (every location), or every level. */
export const inventoryOf = (sku?: string) => ({ PK: INVENTORY, skPrefix: sku ? `${sku}#` : '' });

/** A partner's sales of one SKU at one granularity, and the sort-key range of periods `from`..`to`. */
export const salesOf = (partnerId: string, sku: string, granularity: Granularity) => ({
  PK: seriesPartition(partnerId, sku),
  skPrefix: salesPrefix(granularity),
});
export const salesRange = (granularity: Granularity, from: string, to: string): [string, string] => [
  `${salesPrefix(granularity)}${from}`,
  `${salesPrefix(granularity)}${to}`,
];

/** Every partner's demand for a SKU at one granularity, or at both (no granularity). */
export const skuDemandOf = (sku: string, granularity?: Granularity) => ({
  PK: demandPartition(sku),
  skPrefix: granularity ? `${granularity}#` : '',
});

export const supplyEntities = [
  ProductEntity,
  InventoryLevelEntity,
  SalesRecordEntity,
  SeriesEntryEntity,
  ForecastCommitEntity,
  ForecastCommitVersionEntity,
  StatForecastEntity,
  ConsensusForecastEntity,
  SkuDemandEntity,
];
