import { ok, route, type AnyRoute } from '#shared/http/route';
import { PartnerParams } from '#functions/partners/index';
import {
  DashboardSchema,
  PartnerHealthPageSchema,
  PartnerHealthQuery,
  ScorecardQuery,
  ScorecardSchema,
} from '#functions/performance/domain/scorecard-schema';
import { computeScorecard, currentPeriod } from '#functions/performance/scorecards';
import { dashboard, partnerHealth } from '#functions/performance/dashboard';
import { may } from '#functions/performance/policy';

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
    access: may['scorecard:read'],
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
    access: may['dashboard:read'],
    responses: {
      200: { description: 'The dashboard (from the daily scorecards and live open alerts)', schema: DashboardSchema },
    },
    handler: async () => ok(await dashboard()),
  }),
  route({
    method: 'GET',
    path: '/v1/scorecards',
    operationId: 'listPartnerHealth',
    description:
      'The stored monthly scorecards behind the dashboard’s figures, worst health first: all partners, the partners of one health band (`health`), or those with at least one SLA in a compliance bucket (`compliance`). A page may hold fewer than `limit` items when filtering by compliance and still have a `nextCursor`.',
    summary: 'Partners by health for a month (default: this month), worst first, filtered by band or SLA compliance',
    tags,
    access: may['dashboard:read'],
    query: PartnerHealthQuery,
    responses: { 200: { description: 'A page of partners with their health', schema: PartnerHealthPageSchema } },
    handler: async ({ query }) => {
      const { period, health, compliance, limit, cursor } = query;
      return ok(
        await partnerHealth(
          { period: period ?? currentPeriod(), health, compliance },
          { limit, ...(cursor ? { cursor } : {}) },
        ),
      );
    },
  }),
];
