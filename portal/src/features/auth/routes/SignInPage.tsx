import { lazy, Suspense } from 'react';
import Spinner from '@cloudscape-design/components/spinner';
import { portalConfig } from '../../../lib/config';
import { signInProblem } from '../start';

// Each sign-in is a chunk of its own: a signed-in person's first screen downloads neither.
const LocalSignIn = lazy(() => import('../components/LocalSignIn'));
const ManagedSignIn = lazy(() => import('../components/ManagedSignIn'));

/** Signed out: Cognito managed login in AWS, the list of demo people on the local runtime. */
export function SignInPage({ notice }: { notice?: string }) {
  const problem = signInProblem();
  const cognito = portalConfig().signIn === 'cognito';
  return (
    <Suspense fallback={<Spinner size="large" />}>
      {cognito || problem ? (
        <ManagedSignIn
          {...(problem ? { problem } : {})}
          canRetry={cognito}
          returnTo={window.location.pathname + window.location.search}
        />
      ) : (
        <LocalSignIn {...(notice ? { notice } : {})} />
      )}
    </Suspense>
  );
}
