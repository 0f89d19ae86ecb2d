import { lazy, Suspense } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import Spinner from '@cloudscape-design/components/spinner';
import { messages } from '../messages';
import { navigate, useLocation } from '../lib/router';
import { isVendor, leaveSignedOut, useSessionState, type Session } from '../lib/session';
import { ApiError } from '../lib/api/client';
import { SignInPage } from '../features/auth/routes/SignInPage';
import { DirectSignIn } from '../features/auth/routes/DirectSignIn';
import { SignedOutPage } from '../features/auth/routes/SignedOutPage';
import { Shell } from '../features/shell/components/Shell';

// Screens beyond sign-in load on demand: the first screen's download stays small.
const DashboardPage = lazy(() => import('../features/dashboard/routes/DashboardPage'));
const PartnerOverviewPage = lazy(() => import('../features/partners/routes/PartnerOverviewPage'));
const NotYetPage = lazy(() => import('../features/shell/routes/NotYetPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network blip or a 5xx may.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status < 500),
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Screens />
    </QueryClientProvider>
  );
}

function Screens() {
  const { path, search } = useLocation();
  const state = useSessionState();
  if (path === '/local/sign-in') return <DirectSignIn search={search} />;
  if (!('session' in state)) {
    if (state.signedOut)
      return (
        <SignedOutPage
          reason={state.signedOut}
          onSignIn={() => {
            queryClient.clear();
            leaveSignedOut();
            navigate('/', { replace: true });
          }}
        />
      );
    return <SignInPage />;
  }
  return (
    <Shell session={state.session} path={path}>
      <Suspense fallback={<Spinner size="large" />}>{screen(path, state.session)}</Suspense>
    </Shell>
  );
}

function screen(path: string, session: Session) {
  if (path === '/') {
    if (isVendor(session)) return <DashboardPage />;
    return <PartnerOverviewPage partnerId={session.partnerId ?? ''} />;
  }
  if (path === '/partners') return <NotYetPage title={messages.nav.partners} />;
  if (path === '/agreements') return <NotYetPage title={messages.nav.agreements} />;
  if (path === '/alerts') return <NotYetPage title={messages.nav.alerts} />;
  return <NotYetPage title={messages.common.notFound} />;
}
