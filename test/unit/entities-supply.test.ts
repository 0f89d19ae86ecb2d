import type { Write } from '#shared/db/commit';
import type { Commit, Product } from '#functions/supply/domain/schemas';
import {
  ConsensusForecastEntity,
  ForecastCommitEntity,
  ForecastCommitVersionEntity,
  inventoryOf,
  InventoryLevelEntity,
  MIN_HISTORY,
  ProductEntity,
  productsPartition,
  SalesRecordEntity,
  salesOf,
  salesRange,
  SeriesEntryEntity,
  seriesPartition,
  SkuDemandEntity,
  skuDemandOf,
  StatForecastEntity,
  supplyEntities,
  type StoredLevel,
  type StoredSeries,
  type StoredStat,
} from '#functions/supply/entities';

// unit ("offline"): the supply context's key layout. Each entity's stored item carries the keys and index keys the
// table has always held, and the forecast index's attributes go when a series stops qualifying for it.

const meta = {
  version: 1,
  createdAt: '2027-01-04T09:00:00.000Z',
  updatedAt: '2027-01-04T09:00:00.000Z',
  createdBy: 'u1',
};
const partnerId = 'P1';
const sku = 'LUM-HUB-2';

function updateOf(write: Write): Extract<Write, { kind: 'update' }> {
  if (write.kind !== 'update') throw new Error(`expected an update, got ${write.kind}`);
  return write;
}

describe('catalog and stock', () => {
  it('keys a product by SKU in the catalog partition', () => {
    const product: Product = { sku, name: 'Lumen Hub 2', family: 'hubs', unit: 'pcs', leadTimeDays: 21, ...meta };
    expect(ProductEntity.item(product)).toEqual({ PK: 'PRODUCTS', SK: sku, type: 'Product', ...product });
    expect(productsPartition).toBe('PRODUCTS');
  });

  it('keys an inventory level by SKU and location in the stock partition', () => {
    const level: StoredLevel = {
      sku,
      location: 'WH-1',
      onHand: 10,
      allocated: 2,
      available: 8,
      inbound: [],
      sharedWith: 'all',
      ...meta,
    };
    expect(InventoryLevelEntity.item(level)).toEqual({
      PK: 'INVENTORY',
      SK: `${sku}#WH-1`,
      type: 'InventoryLevel',
      ...level,
    });
    expect(inventoryOf(sku)).toEqual({ PK: 'INVENTORY', skPrefix: `${sku}#` });
    expect(inventoryOf()).toEqual({ PK: 'INVENTORY', skPrefix: '' });
  });
});

describe("a partner's series", () => {
  it('keys sales records by granularity letter and period', () => {
    const sale = { partnerId, sku, period: '2026-W48', units: 4, reportedAt: meta.createdAt, reportedBy: 'u1' };
    expect(SalesRecordEntity.item({ ...sale, granularity: 'week' })).toMatchObject({
      PK: `F#P1#${sku}`,
      SK: 'S#W#2026-W48',
      type: 'SalesRecord',
    });
    expect(SalesRecordEntity.key({ partnerId, sku, granularity: 'month', period: '2026-11' })).toEqual({
      PK: `F#P1#${sku}`,
      SK: 'S#M#2026-11',
    });
    expect(salesOf(partnerId, sku, 'week')).toEqual({ PK: `F#P1#${sku}`, skPrefix: 'S#W#' });
    expect(salesRange('month', '2026-01', '2026-06')).toEqual(['S#M#2026-01', 'S#M#2026-06']);
    expect(seriesPartition(partnerId, sku)).toBe(`F#P1#${sku}`);
  });

  describe('series entry', () => {
    const entry: StoredSeries = { partnerId, sku, granularity: 'month', periods: 5, updatedAt: meta.updatedAt };

    it('stays out of the forecast index while the series is short', () => {
      const item = SeriesEntryEntity.item(entry);
      expect(item).toMatchObject({ PK: `F#P1#${sku}`, SK: 'SERIES#month', type: 'DemandSeries' });
      expect(item).not.toHaveProperty('GSI2PK');
    });

    it('joins the forecast index once it has enough history', () => {
      expect(SeriesEntryEntity.item({ ...entry, periods: MIN_HISTORY })).toMatchObject({
        GSI2PK: 'SUPPLY#SERIES',
        GSI2SK: `P1#${sku}#month`,
      });
      const write = updateOf(SeriesEntryEntity.update(entry, { periods: MIN_HISTORY }));
      expect(write.key).toEqual({ PK: `F#P1#${sku}`, SK: 'SERIES#month' });
      expect(write.set).toMatchObject({ GSI2PK: 'SUPPLY#SERIES', GSI2SK: `P1#${sku}#month` });
      expect(write.remove).toEqual([]);
    });

    it('leaves the forecast index when the count falls below the minimum', () => {
      const write = updateOf(SeriesEntryEntity.update({ ...entry, periods: 8 }, { periods: 3 }));
      expect(write.set).not.toHaveProperty('GSI2PK');
      expect(write.remove).toEqual(['GSI2PK', 'GSI2SK']);
    });
  });

  it('keys the commit head and its zero-padded immutable versions', () => {
    const commit: Commit = {
      partnerId,
      sku,
      granularity: 'month',
      periods: [{ period: '2027-01', units: 400 }],
      committedAt: meta.createdAt,
      committedBy: 'u1',
      ...meta,
      version: 12,
    };
    expect(ForecastCommitEntity.item(commit)).toEqual({
      PK: `F#P1#${sku}`,
      SK: 'COMMIT',
      type: 'ForecastCommit',
      ...commit,
    });
    expect(ForecastCommitVersionEntity.item(commit)).toMatchObject({
      PK: `F#P1#${sku}`,
      SK: 'COMMITV#000012',
      type: 'ForecastCommitVersion',
    });
  });

  it('stores a statistical forecast per origin without repeating the series fields', () => {
    const stat: StoredStat = {
      origin: '2026-10',
      granularity: 'month',
      inputHash: 'h',
      model: 'ets',
      mase: 0.8,
      smape: 12,
      points: [],
      notes: [],
      fittedAt: meta.createdAt,
    };
    expect(StatForecastEntity.storage({ ...stat, partnerId, sku })).toEqual({
      PK: `F#P1#${sku}`,
      SK: 'STAT#month#2026-10',
      type: 'StatForecast',
    });
    expect(StatForecastEntity.expires).toBe('3 years');
  });

  it('keys the current consensus per granularity', () => {
    const item = ConsensusForecastEntity.item({
      partnerId,
      sku,
      granularity: 'week',
      origin: '2026-W47',
      weights: {
        stat: 1,
        partner: 0,
        periods: 0,
        statMae: null,
        partnerMae: null,
        valueAdded: null,
        basis: 'default',
      },
      points: [],
      computedAt: meta.createdAt,
    });
    expect(item).toMatchObject({ PK: `F#P1#${sku}`, SK: 'CONS#week', type: 'ConsensusForecast' });
  });
});

describe('demand per SKU', () => {
  it("keys a partner's demand under the SKU, by granularity then partner", () => {
    const demand = {
      partnerId,
      sku,
      granularity: 'month' as const,
      origin: '2026-10',
      dailyDemand: 3.5,
      points: [],
      updatedAt: meta.updatedAt,
    };
    expect(SkuDemandEntity.item(demand)).toEqual({
      PK: `DEMAND#${sku}`,
      SK: 'month#P1',
      type: 'SkuDemand',
      ...demand,
    });
    expect(skuDemandOf(sku, 'week')).toEqual({ PK: `DEMAND#${sku}`, skPrefix: 'week#' });
    expect(skuDemandOf(sku)).toEqual({ PK: `DEMAND#${sku}`, skPrefix: '' });
  });
});

it('lists every supply entity once, each with its own item type', () => {
  const types = supplyEntities.map((e) => e.type);
  expect(new Set(types).size).toBe(types.length);
  expect(types).toEqual([
    'Product',
    'InventoryLevel',
    'SalesRecord',
    'DemandSeries',
    'ForecastCommit',
    'ForecastCommitVersion',
    'StatForecast',
    'ConsensusForecast',
    'SkuDemand',
  ]);
});
