import type { AnyRoute } from '#shared/http/route';
import { agreementsApiRoutes } from '#functions/agreements/routes';
import { collaborationRoutes } from '#functions/collaboration/routes';
import { partnerRoutes } from '#functions/partners/routes';
import { metricRoutes, scorecardRoutes, slaAlertRoutes } from '#functions/performance/index';
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
