import { lazy } from 'react';
import { matchPath, type RouteTable } from '../../../lib/router';

const AgreementsListPage = lazy(() => import('./AgreementsListPage'));
const NewAgreementPage = lazy(() => import('./NewAgreementPage'));
const AgreementPage = lazy(() => import('./AgreementPage'));

/** Agreements: the list, a draft's terms, proposals, versions and their diff, signatures, risks and planning. */
export const agreementRoutes: RouteTable = (path, search, session) => {
  // A new filter starts again at the first page.
  if (path === '/agreements') return <AgreementsListPage key={search.toString()} search={search} session={session} />;
  const draft = matchPath('/partners/:partnerId/agreements/new', path);
  if (draft) return <NewAgreementPage partnerId={draft.partnerId!} session={session} />;
  const one = matchPath('/partners/:partnerId/agreements/:agreementId', path);
  if (one)
    return (
      <AgreementPage
        key={`${one.partnerId}/${one.agreementId}`}
        partnerId={one.partnerId!}
        agreementId={one.agreementId!}
        search={search}
        session={session}
      />
    );
  return undefined;
};
