import * as z from 'zod';
import { created, ok, route, type AnyRoute } from '#shared/http/route';
import { pageOf } from '#shared/domain/common';
import { PartnerParams } from '#functions/partners/index';
import {
  IngestInput,
  IngestResult,
  ListMetricsQuery,
  MAX_INGEST_BODY_BYTES,
  MAX_POINTS_PER_BATCH,
  MetricPoint,
  MetricDefinitionInput,
  MetricDefinitionSchema,
  MetricParams,
  SeriesParams,
  SeriesQuery,
  SeriesSchema,
} from '#functions/performance/domain/metric';
import { ingestPoints } from '#functions/performance/ingest';
import { defineMetric, getMetric, listMetrics, readSeries } from '#functions/performance/metrics';
import { may } from '#functions/performance/policy';

const tags = ['performance'];

export const metricRoutes: AnyRoute[] = [
  route({
    method: 'POST',
    path: '/v1/partners/{partnerId}/metrics',
    operationId: 'reportMetrics',
    description:
      'Each point is checked on its own: a bad one is rejected with its reason, the others are counted. A point’s `id` identifies it within the partner’s metric: re-sent, it is a duplicate whatever else changed, so retries never count twice. SLAs on the metrics are evaluated right after.',
    example: {
      points: [
        { metric: 'csat', at: '2026-12-02T09:00:00Z', value: 4.6, id: 'csat-2026-12-02T09' },
        {
          metric: 'tickets.answered_4h',
          at: '2026-12-02T09:00:00Z',
          good: 96,
          total: 100,
          id: 'tickets-2026-12-02T09',
        },
      ],
    },
    summary:
      'Report up to 500 metric points: values ({ metric, at, value }) or event counts ({ metric, at, good, total })',
    tags,
    access: may['metric:ingest'],
    params: PartnerParams,
    body: IngestInput,
    bodyDoc: z.strictObject({ points: z.array(MetricPoint).min(1).max(MAX_POINTS_PER_BATCH) }),
    maxBodyBytes: MAX_INGEST_BODY_BYTES,
    responses: {
      200: {
        description:
          'Every point sent, accounted for: accepted, duplicates (a known id or content, or a repeat in the batch; listed by index and id) or rejected (with the reason per index)',
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
    operationId: 'getMetricSeries',
    description:
      'The metric’s rollups between `from` and `to`: count, sum, average, min and max, or good and total for event counts.',
    summary: 'A metric series per hour (up to 31 days) or per day (up to 400 days)',
    tags,
    access: may['metric:read'],
    params: SeriesParams,
    query: SeriesQuery,
    responses: { 200: { description: 'The series', schema: SeriesSchema } },
    handler: async ({ params, query }) => ok(await readSeries(params.partnerId, params.metric, query)),
  }),
  route({
    method: 'GET',
    path: '/v1/metrics',
    operationId: 'listMetrics',
    description: 'The metrics partners report and SLAs and objectives refer to.',
    summary: 'The metric catalog',
    tags,
    access: may['metric-catalog:read'],
    query: ListMetricsQuery,
    responses: { 200: { description: 'A page of metric definitions', schema: pageOf(MetricDefinitionSchema) } },
    handler: async ({ query }) =>
      ok(await listMetrics({ limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) })),
  }),
  route({
    method: 'GET',
    path: '/v1/metrics/{metric}',
    operationId: 'getMetric',
    description: 'One metric: unit, kind and which direction is better.',
    summary: 'One metric of the catalog',
    tags,
    access: may['metric-catalog:read'],
    params: MetricParams,
    responses: {
      200: { description: 'The definition', schema: MetricDefinitionSchema },
      404: { description: 'Not in the catalog' },
    },
    handler: async ({ params }) => {
      const metric = await getMetric(params.metric);
      return ok(metric, metric.version);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/metrics',
    operationId: 'createMetric',
    description: 'Adds a metric partners can report. Its name is fixed once defined (409 if it exists).',
    example: {
      name: 'first_contact_resolution',
      displayName: 'First-contact resolution',
      unit: '%',
      kind: 'ratio',
      direction: 'higher-is-better',
    },
    summary: 'Add a metric to the catalog: unit, kind (value or ratio), which direction is better',
    tags,
    access: may['metric-catalog:write'],
    body: MetricDefinitionInput,
    responses: {
      201: { description: 'The definition', schema: MetricDefinitionSchema },
      409: { description: 'Already defined' },
    },
    handler: async ({ body, ctx }) => {
      const metric = await defineMetric(ctx, body);
      return created(metric, `/v1/metrics/${metric.name}`, metric.version);
    },
  }),
];
