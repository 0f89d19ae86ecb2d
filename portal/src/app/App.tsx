import { Activity, lazy, Suspense } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import Spinner from '@cloudscape-design/components/spinner';
import { navigate, useLocation, type RouteTable } from '../lib/router';
import { leaveSignedOut, useSessionState, type Session } from '../lib/session';
import { ApiError } from '../lib/api/client';
import { SignInPage } from '../features/auth/routes/SignInPage';
import { DirectSignIn } from '../features/auth/routes/DirectSignIn';
import { SignedOutPage } from '../features/auth/routes/SignedOutPage';
import { dashboardRoutes } from '../features/dashboard/routes';
import { partnerRoutes } from '../features/partners/routes';
import { agreementRoutes } from '../features/agreements/routes';
import { performanceRoutes } from '../features/performance/routes';

// Screens beyond sign-in load on demand (each feature's table imports its pages lazily): the first download stays small.
const NotFoundPage = lazy(() => import('../features/shell/routes/NotFoundPage'));
// The frame (app layout, navigation) too: the sign-in screens do not need it.
const Shell = lazy(() => import('../features/shell/components/Shell').then((m) => ({ default: m.Shell })));
const routeTables: RouteTable[] = [dashboardRoutes, partnerRoutes, agreementRoutes, performanceRoutes];

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
  const content = <Suspense fallback={<Spinner size="large" />}>{screen(path, search, state.session)}</Suspense>;
  // While the frame's chunk loads, the screen renders hidden: its own chunk downloads at the same time, not after.
  const loadingFrame = (
    <>
      <Spinner size="large" />
      <Activity mode="hidden">{content}</Activity>
    </>
  );
  return (
    <Suspense fallback={loadingFrame}>
      <Shell session={state.session} path={path}>
        {content}
      </Shell>
    </Suspense>
  );
}

function screen(path: string, search: URLSearchParams, session: Session) {
  for (const table of routeTables) {
    const element = table(path, search, session);
    if (element !== undefined) return element;
  }
  return <NotFoundPage />;
}
