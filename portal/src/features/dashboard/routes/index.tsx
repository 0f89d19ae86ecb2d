import { lazy } from 'react';
import type { RouteTable } from '../../../lib/router';
import { isVendor } from '../../../lib/session';

const DashboardPage = lazy(() => import('./DashboardPage'));

/** The vendor's home is the program dashboard. */
export const dashboardRoutes: RouteTable = (path, _search, session) => {
  if (path === '/' && isVendor(session)) return <DashboardPage />;
  return undefined;
};
