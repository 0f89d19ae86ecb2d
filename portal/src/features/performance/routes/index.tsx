import type { RouteTable } from '../../../lib/router';

/** Performance: the alert inbox, scorecards, SLA definitions and metric reporting. */
export const performanceRoutes: RouteTable = () => undefined;
