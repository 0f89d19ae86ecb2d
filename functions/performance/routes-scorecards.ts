import { ok, route, type AnyRoute } from '#shared/http/route';
import { PartnerParams } from '#shared/domain/partners/partner';
import { DashboardSchema, ScorecardQuery, ScorecardSchema } from '#shared/domain/performance/scorecard-schema';
import { computeScorecard, currentPeriod } from '#functions/performance/scorecards';
import { dashboard } from '#functions/performance/dashboard';

const tags = ['performance'];

export const scorecardRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/v1/partners/{partnerId}/scorecard',
    operationId: 'getScorecard',
    description:
      'SLA compliance, error budget, KPIs, alerts and a health score for one month (`period`, default this month, computed now).',
    summary:
      'A month’s scorecard (default: this month, computed now): SLA compliance, error budget, KPIs, alerts, health score',
    tags,
    access: 'scorecard:read',
    params: PartnerParams,
    query: ScorecardQuery,
    responses: { 200: { description: 'The scorecard', schema: ScorecardSchema } },
    handler: async ({ params, query }) => ok(await computeScorecard(params.partnerId, query.period ?? currentPeriod())),
  }),
  route({
    method: 'GET',
    path: '/v1/dashboard',
    operationId: 'getDashboard',
    description:
      'Partners by health band, SLA compliance buckets, open alerts and the ten partners doing worst, from the daily scorecards and live open alerts.',
    summary: 'The program at a glance: partners by health, SLA compliance, open alerts, the ten worst partners',
    tags,
    access: 'dashboard:read',
    responses: {
      200: { description: 'The dashboard (from the daily scorecards and live open alerts)', schema: DashboardSchema },
    },
    handler: async () => ok(await dashboard()),
  }),
];
