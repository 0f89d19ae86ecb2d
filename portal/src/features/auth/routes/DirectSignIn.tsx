import { lazy, Suspense } from 'react';
import Spinner from '@cloudscape-design/components/spinner';
import { portalConfig } from '../../../lib/config';
import { messages } from '../../../messages';

const LocalDirectSignIn = lazy(() => import('../components/LocalDirectSignIn'));
const ManagedSignIn = lazy(() => import('../components/ManagedSignIn'));

/** `/local/sign-in?role=&partnerId=`: signs straight in on the local runtime; in AWS it says so and offers sign-in. */
export function DirectSignIn({ search }: { search: URLSearchParams }) {
  return (
    <Suspense fallback={<Spinner size="large" />}>
      {portalConfig().signIn === 'cognito' ? (
        <ManagedSignIn
          problem={{ title: messages.signIn.failed, detail: messages.auth.directSignInLocalOnly }}
          returnTo="/"
        />
      ) : (
        <LocalDirectSignIn search={search} />
      )}
    </Suspense>
  );
}
