import { lazy } from 'react';
import type { RouteTable } from '../../../lib/router';
import { isVendor } from '../../../lib/session';

const DashboardPage = lazy(() => import('./DashboardPage'));
const PartnerHealthPage = lazy(() => import('./PartnerHealthPage'));

/** The vendor's home is the program dashboard; `/health` is the list behind its figures. */
export const dashboardRoutes: RouteTable = (path, search, session) => {
  if (!isVendor(session)) return undefined;
  if (path === '/') return <DashboardPage />;
  if (path === '/health') return <PartnerHealthPage search={search} />;
  return undefined;
};
