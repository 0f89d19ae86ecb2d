import * as z from 'zod';
import { pageOf } from '#shared/domain/common';
import { PartnerParams } from '#functions/partners/index';
import {
  CommitInput,
  CommitSchema,
  CreateProductInput,
  ForecastQuery,
  ForecastViewSchema,
  InventoryLevelSchema,
  InventoryParams,
  ListInventoryQuery,
  ListProductsQuery,
  ProductParams,
  ProductSchema,
  PutInventoryInput,
  UpdateProductInput,
  SalesInput,
  SalesRecord,
  MAX_SALES_RECORDS,
  SalesPointSchema,
  SalesQuery,
  SalesSummarySchema,
  SeriesParams,
  SummaryQuery,
} from '#functions/supply/domain/schemas';
import { NotFoundError } from '#shared/errors';
import { created, ok, route, type AnyRoute } from '#shared/http/route';
import { putCommit } from '#functions/supply/commits';
import { demandSummary, forecastView, SkuSummarySchema } from '#functions/supply/forecasts';
import { getInventory, listInventory, putInventory } from '#functions/supply/inventory';
import { createProduct, getProduct, listProducts, updateProduct } from '#functions/supply/products';
import { listSales, reportSales } from '#functions/supply/sales';
import { may } from '#functions/supply/policy';

const tags = ['supply'];
const invalid = { 400: { description: 'Invalid input; `errors` names each field' } };
const page = (q: { limit: number; cursor?: string | undefined }) => ({
  limit: q.limit,
  ...(q.cursor ? { cursor: q.cursor } : {}),
});

/**
 * PUT routes here create without If-Match and replace with it (`ifMatch: 'create-or-replace'`: the pipeline reads
 * a missing If-Match as version 0, "nothing yet"), and the use case answers 428 when something exists.
 */
export const supplyRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/v1/products',
    summary: 'The product catalog by SKU',
    tags,
    access: may['product:read'],
    operationId: 'listProducts',
    description: 'Products by SKU, optionally by family.',
    query: ListProductsQuery,
    responses: { 200: { description: 'A page of products', schema: pageOf(ProductSchema) } },
    handler: async ({ query }) => ok(await listProducts({ family: query.family }, page(query))),
  }),
  route({
    method: 'POST',
    path: '/v1/products',
    summary: 'Add a product (vendor): sku, name, family, unit, lead time in days',
    tags,
    access: may['product:write'],
    operationId: 'createProduct',
    description: 'Adds a product; the SKU is its key and cannot change (409 if it exists).',
    example: { sku: 'LUM-HUB-2', name: 'Lumen Hub 2', family: 'hubs', unit: 'pcs', leadTimeDays: 21 },
    body: CreateProductInput,
    responses: {
      201: { description: 'The product', schema: ProductSchema },
      ...invalid,
      409: { description: 'The SKU exists' },
    },
    handler: async ({ body, ctx }) => {
      const product = await createProduct(ctx, body);
      return created(product, `/v1/products/${product.sku}`, product.version);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/products/{sku}',
    summary: 'One product of the catalog',
    tags,
    access: may['product:read'],
    operationId: 'getProduct',
    description: 'One product; the ETag is the version a change needs.',
    params: ProductParams,
    responses: {
      200: { description: 'The product (ETag: its version)', schema: ProductSchema },
      ...invalid,
      404: { description: 'Unknown SKU' },
    },
    handler: async ({ params }) => {
      const product = await getProduct(params.sku);
      return ok(product, product.version);
    },
  }),
  route({
    method: 'PATCH',
    path: '/v1/products/{sku}',
    summary: 'Change a product’s name, family, unit or lead time (vendor; If-Match required)',
    tags,
    access: may['product:write'],
    operationId: 'updateProduct',
    description: 'Changes the fields sent; the SKU is fixed.',
    example: { leadTimeDays: 28 },
    params: ProductParams,
    body: UpdateProductInput,
    ifMatch: true,
    responses: {
      200: { description: 'The product', schema: ProductSchema },
      ...invalid,
      404: { description: 'Unknown SKU' },
      412: { description: 'Stale If-Match' },
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const product = await updateProduct(ctx, params.sku, ifMatch, body);
      return ok(product, product.version);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/inventory/{sku}/{location}',
    summary: 'One inventory level; a partner sees it only when it is shared with them',
    tags,
    access: may['inventory:read'],
    operationId: 'getInventoryLevel',
    description:
      'Stock of a SKU at a location: on hand, allocated, available and inbound. A partner sees a level only when it is shared with them (404 otherwise).',
    params: InventoryParams,
    responses: {
      200: { description: 'The level (ETag: its version, for the next PUT)', schema: InventoryLevelSchema },
      ...invalid,
      404: { description: 'No such level, or not shared with the caller' },
    },
    handler: async ({ params, principal }) => {
      const level = await getInventory(principal, params.sku, params.location);
      if (!level) throw new NotFoundError(`No inventory level for ${params.sku} at ${params.location}`);
      return ok(level, level.version);
    },
  }),
  route({
    method: 'PUT',
    path: '/v1/inventory/{sku}/{location}',
    summary: 'Publish an inventory level (vendor): create without If-Match, replace with it',
    tags,
    access: may['inventory:write'],
    operationId: 'putInventoryLevel',
    description:
      'Without If-Match the request creates the level (428 if it exists); with the ETag you read it replaces that version. `sharedWith` says which partners see it: `none`, `all` or a list of partner ids.',
    example: { onHand: 1200, allocated: 300, inbound: [{ qty: 500, eta: '2027-01-15' }], sharedWith: 'all' },
    params: InventoryParams,
    body: PutInventoryInput,
    ifMatch: 'create-or-replace',
    responses: {
      200: { description: 'The level (ETag: its version)', schema: InventoryLevelSchema },
      ...invalid,
      404: { description: 'Unknown SKU' },
      412: { description: 'Stale If-Match' },
      428: { description: 'The level exists: If-Match required' },
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const level = await putInventory(ctx, params.sku, params.location, ifMatch, body);
      return ok(level, level.version);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/inventory',
    summary: 'Inventory levels by SKU and location; partners see the levels shared with them',
    tags,
    access: may['inventory:read'],
    operationId: 'listInventoryLevels',
    description: 'Levels by SKU and location, optionally filtered by either; partners see the levels shared with them.',
    query: ListInventoryQuery,
    responses: { 200: { description: 'A page of levels', schema: pageOf(InventoryLevelSchema) } },
    handler: async ({ query, principal }) =>
      ok(await listInventory(principal, { sku: query.sku, location: query.location }, page(query))),
  }),
  route({
    method: 'POST',
    path: '/v1/partners/{partnerId}/sales',
    summary: 'Report sell-through (up to 500 records); a re-sent period replaces the stored one',
    tags,
    access: may['sales:report'],
    operationId: 'reportSales',
    description:
      'Units sold per SKU and period (an ISO week such as 2026-W48 or a month such as 2026-11). Each record is checked on its own; a period sent again replaces the stored one.',
    example: {
      records: [
        { sku: 'LUM-HUB-2', period: '2026-W48', units: 42 },
        { sku: 'LUM-LOCK-1', period: '2026-W48', units: 17 },
      ],
    },
    params: PartnerParams,
    body: SalesInput,
    bodyDoc: z.strictObject({ records: z.array(SalesRecord).min(1).max(MAX_SALES_RECORDS) }),
    responses: {
      200: { description: 'Accepted, replaced and rejected records', schema: SalesSummarySchema },
      ...invalid,
      409: { description: 'The partner is offboarded' },
    },
    handler: async ({ params, body, ctx }) => ok(await reportSales(ctx, params.partnerId, body.records)),
  }),
  route({
    method: 'GET',
    path: '/v1/partners/{partnerId}/sales/{sku}',
    summary: 'A partner’s sell-through series for one SKU, oldest first',
    tags,
    access: may['sales:read'],
    operationId: 'listSales',
    description: 'Units sold per period for one SKU, oldest first, by week or month.',
    params: SeriesParams,
    query: SalesQuery,
    responses: { 200: { description: 'A page of periods', schema: pageOf(SalesPointSchema) } },
    handler: async ({ params, query }) =>
      ok(
        await listSales(
          params.partnerId,
          params.sku,
          { granularity: query.granularity, from: query.from, to: query.to },
          page(query),
        ),
      ),
  }),
  route({
    method: 'PUT',
    path: '/v1/partners/{partnerId}/forecasts/{sku}',
    summary: 'Commit the partner’s forecast for a SKU: a new immutable version (If-Match to replace one)',
    tags,
    access: may['forecast:commit'],
    operationId: 'commitForecast',
    description:
      'Each commit is a new immutable version of the partner’s forecast for the SKU. Without If-Match the request creates the first (428 if one exists); with the ETag you read it replaces that version.',
    example: {
      granularity: 'month',
      periods: [
        { period: '2027-01', units: 400 },
        { period: '2027-02', units: 420 },
      ],
      note: 'Includes the spring promotion',
    },
    params: SeriesParams,
    body: CommitInput,
    ifMatch: 'create-or-replace',
    responses: {
      200: { description: 'The commit (ETag: its version)', schema: CommitSchema },
      ...invalid,
      404: { description: 'Unknown partner or SKU' },
      412: { description: 'Stale If-Match' },
      428: { description: 'A commit exists: If-Match required' },
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const commit = await putCommit(ctx, params.partnerId, params.sku, ifMatch, body);
      return ok(commit, commit.version);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/partners/{partnerId}/forecasts/{sku}',
    summary: 'History, partner commit, statistical forecast with intervals, consensus, model and accuracy',
    tags,
    access: may['forecast:read'],
    operationId: 'getForecast',
    etag: true,
    description:
      'Sell-through history, the partner’s commit, the statistical forecast with intervals, the consensus, the model and its accuracy. The ETag is the commit’s version, when there is a commit.',
    params: SeriesParams,
    query: ForecastQuery,
    responses: {
      200: { description: 'The forecast view', schema: ForecastViewSchema },
      404: { description: 'Unknown partner or SKU' },
    },
    handler: async ({ params, query }) => {
      const view = await forecastView(params.partnerId, params.sku, query.granularity);
      return ok(view, view.commit?.version);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/forecasts/summary',
    summary: 'Demand by SKU and period across partners, the commit vs statistics gap, and cover by location (vendor)',
    tags,
    access: may['forecast:summary'],
    operationId: 'getDemandSummary',
    description:
      'Demand by SKU and period across partners, the gap between commits and statistics, and cover by location.',
    query: SummaryQuery,
    responses: {
      200: {
        description: 'A page of SKUs',
        schema: z.object({ items: z.array(SkuSummarySchema), nextCursor: z.string().optional() }),
      },
    },
    handler: async ({ query }) =>
      ok(await demandSummary({ sku: query.sku, period: query.period, granularity: query.granularity }, page(query))),
  }),
];
