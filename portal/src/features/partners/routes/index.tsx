import { lazy } from 'react';
import { matchPath, type RouteTable } from '../../../lib/router';
import { isVendor } from '../../../lib/session';

const PartnersListPage = lazy(() => import('./PartnersListPage'));
const RegisterPartnerPage = lazy(() => import('./RegisterPartnerPage'));
const PartnerPage = lazy(() => import('./PartnerPage'));

/**
 * `/partners` (the vendor's list, filters in the query), `/partners/new` (register), `/partners/:partnerId` (the
 * partner page, `?tab=`), and `/` for a partner person: their own partner's page. A partner person has no list and
 * no registration: those addresses are Not found for them (the API would refuse them anyway).
 */
export const partnerRoutes: RouteTable = (path, search, session) => {
  const vendor = isVendor(session);
  if (path === '/' && !vendor)
    return <PartnerPage partnerId={session.partnerId ?? ''} search={search} session={session} base="/" />;
  if (path === '/partners' || path === '/partners/') return vendor ? <PartnersListPage search={search} /> : undefined;
  if (path === '/partners/new') return vendor ? <RegisterPartnerPage /> : undefined;
  const match = matchPath('/partners/:partnerId', path);
  if (match)
    return (
      <PartnerPage
        key={match.partnerId}
        partnerId={match.partnerId!}
        search={search}
        session={session}
        base={`/partners/${encodeURIComponent(match.partnerId!)}`}
      />
    );
  return undefined;
};
