import { httpApi } from '#shared/http/pipeline';
import { metricRoutes } from '#functions/performance/routes-metrics';
import { scorecardRoutes } from '#functions/performance/routes-scorecards';
import { slaAlertRoutes } from '#functions/performance/routes-slas-alerts';

/** The performance context's HTTP entry: metrics, SLA definitions and alerts, scorecards and the dashboard. */
export const performanceApiRoutes = [...metricRoutes, ...slaAlertRoutes, ...scorecardRoutes];

export const handler = httpApi(performanceApiRoutes);
