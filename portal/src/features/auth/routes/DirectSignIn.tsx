import { lazy, Suspense } from 'react';
import Spinner from '@cloudscape-design/components/spinner';
import { portalConfig } from '../../../lib/config';
import { messages } from '../../../messages';
import LocalDirectSignIn from '../components/LocalDirectSignIn';

// In the entry (it is small): the token is asked for at the first render, while the frame's chunk downloads.
const ManagedSignIn = lazy(() => import('../components/ManagedSignIn'));

/** `/local/sign-in?role=&partnerId=`: signs straight in on the local runtime; in AWS it says so and offers sign-in. */
export function DirectSignIn({ search }: { search: URLSearchParams }) {
  return portalConfig().signIn === 'cognito' ? (
    <Suspense fallback={<Spinner size="large" />}>
      <ManagedSignIn
        problem={{ title: messages.signIn.failed, detail: messages.auth.directSignInLocalOnly }}
        returnTo="/"
      />
    </Suspense>
  ) : (
    <LocalDirectSignIn search={search} />
  );
}
