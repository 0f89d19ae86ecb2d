import type { AnyRoute } from '#shared/http/route';
import { agreementsApiRoutes } from '#functions/agreements/routes';
import { collaborationRoutes } from '#functions/collaboration/routes';
import { partnerRoutes } from '#functions/partners/routes';
import { metricRoutes } from '#functions/performance/routes-metrics';
import { scorecardRoutes } from '#functions/performance/routes-scorecards';
import { slaAlertRoutes } from '#functions/performance/routes-slas-alerts';
import { platformRoutes } from '#functions/platform/routes';
import { supplyRoutes } from '#functions/supply/routes';

/** Every route of every HTTP function: for the OpenAPI document and the manifest and authorization tests. */
export function allRoutes(): AnyRoute[] {
  return [
    ...platformRoutes,
    ...partnerRoutes,
    ...agreementsApiRoutes,
    ...metricRoutes,
    ...slaAlertRoutes,
    ...scorecardRoutes,
    ...supplyRoutes,
    ...collaborationRoutes,
  ];
}
