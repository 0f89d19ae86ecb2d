/**
 * The supply context's public module: what other contexts may use. Anything not exported here is the context's
 * own business (import this module as `#functions/supply/index`, never its files).
 */

// Use cases the local seed and other contexts call.
export { createProduct, getProduct, listProducts } from '#functions/supply/products';
export { getInventory, isSharedWith, levelsOf, listInventory, putInventory } from '#functions/supply/inventory';
export { listSales, reportSales, type SalesPoint, type SalesSummary } from '#functions/supply/sales';
export { getCommit, putCommit } from '#functions/supply/commits';
export { demandSummary, forecastView } from '#functions/supply/forecasts';

// The objects as the API and events show them, and the periods they are counted in.
export {
  CommitSchema,
  InventoryLevelSchema,
  ProductSchema,
  type Commit,
  type InventoryLevel,
  type Product,
  type SharedWith,
} from '#functions/supply/domain/schemas';
export { periodOf, shiftPeriod, type Granularity } from '#functions/supply/domain/period';

// Stored objects and their reads, for the data-layout table and contexts that read supply items with their own queries.
export {
  ConsensusForecastEntity,
  ForecastCommitEntity,
  ForecastCommitVersionEntity,
  inventoryOf,
  InventoryLevelEntity,
  ProductEntity,
  productsPartition,
  SalesRecordEntity,
  salesOf,
  SeriesEntryEntity,
  SkuDemandEntity,
  skuDemandOf,
  StatForecastEntity,
  supplyEntities,
  type StoredLevel,
} from '#functions/supply/entities';

// Events, policy and routes, for the catalog and the API composition.
export * from '#functions/supply/events';
export { may as supplyPolicy } from '#functions/supply/policy';
export { supplyRoutes } from '#functions/supply/routes';
