import { created, ok, route, type AnyRoute } from '#shared/http/route';
import { pageOf } from '#shared/domain/common';
import { PartnerParams } from '#shared/domain/partners/partner';
import {
  IngestInput,
  IngestResult,
  ListMetricsQuery,
  MAX_INGEST_BODY_BYTES,
  MetricDefinitionInput,
  MetricDefinitionSchema,
  MetricParams,
  SeriesParams,
  SeriesQuery,
  SeriesSchema,
} from '#shared/domain/performance/metric';
import { ingestPoints } from '#functions/performance/ingest';
import { defineMetric, getMetric, listMetrics, readSeries } from '#functions/performance/metrics';

const tags = ['performance'];

export const metricRoutes: AnyRoute[] = [
  route({
    method: 'POST',
    path: '/v1/partners/{partnerId}/metrics',
    summary: 'Report up to 500 metric points: values ({ metric, at, value }) or event counts ({ metric, at, good, total })',
    tags,
    access: 'metric:ingest',
    params: PartnerParams,
    body: IngestInput,
    maxBodyBytes: MAX_INGEST_BODY_BYTES,
    responses: {
      200: {
        description: 'Every point sent, accounted for: accepted, duplicates (a known id or content, or a repeat in the batch; listed by index and id) or rejected (with the reason per index)',
        schema: IngestResult,
      },
      400: { description: 'Not a batch of points, or more than 500' },
      413: { description: `The body is over ${MAX_INGEST_BODY_BYTES} bytes` },
    },
    handler: async ({ params, body, ctx }) => ok(await ingestPoints(ctx, params.partnerId, body.points)),
  }),
  route({
    method: 'GET',
    path: '/v1/partners/{partnerId}/metrics/{metric}',
    summary: 'A metric series per hour (up to 31 days) or per day (up to 400 days)',
    tags,
    access: 'metric:read',
    params: SeriesParams,
    query: SeriesQuery,
    responses: { 200: { description: 'The series', schema: SeriesSchema } },
    handler: async ({ params, query }) => ok(await readSeries(params.partnerId, params.metric, query)),
  }),
  route({
    method: 'GET',
    path: '/v1/metrics',
    summary: 'The metric catalog',
    tags,
    access: 'metric-catalog:read',
    query: ListMetricsQuery,
    responses: { 200: { description: 'A page of metric definitions', schema: pageOf(MetricDefinitionSchema) } },
    handler: async ({ query }) => ok(await listMetrics({ limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) })),
  }),
  route({
    method: 'GET',
    path: '/v1/metrics/{metric}',
    summary: 'One metric of the catalog',
    tags,
    access: 'metric-catalog:read',
    params: MetricParams,
    responses: { 200: { description: 'The definition', schema: MetricDefinitionSchema }, 404: { description: 'Not in the catalog' } },
    handler: async ({ params }) => {
      const metric = await getMetric(params.metric);
      return ok(metric, metric.version);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/metrics',
    summary: 'Add a metric to the catalog: unit, kind (value or ratio), which direction is better',
    tags,
    access: 'metric-catalog:write',
    body: MetricDefinitionInput,
    responses: { 201: { description: 'The definition', schema: MetricDefinitionSchema }, 409: { description: 'Already defined' } },
    handler: async ({ body, ctx }) => {
      const metric = await defineMetric(ctx, body);
      return created(metric, `/v1/metrics/${metric.name}`, metric.version);
    },
  }),
];
