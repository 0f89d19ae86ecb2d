import { lazy } from 'react';
import type { RouteTable } from '../../../lib/router';
import { isVendor } from '../../../lib/session';

const PartnerOverviewPage = lazy(() => import('./PartnerOverviewPage'));

/** A partner person's home is their own partner; the vendor's partner screens live under /partners. */
export const partnerRoutes: RouteTable = (path, _search, session) => {
  if (path === '/' && !isVendor(session)) return <PartnerOverviewPage partnerId={session.partnerId ?? ''} />;
  return undefined;
};
