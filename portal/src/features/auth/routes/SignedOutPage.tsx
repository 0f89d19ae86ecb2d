import { lazy, Suspense } from 'react';
import Spinner from '@cloudscape-design/components/spinner';
import type { SignedOutReason } from '../../../lib/session';

const SignedOut = lazy(() => import('../components/SignedOut'));

/** The "signed out" screen, with its reason and the way back in (its own chunk: few people ever see it). */
export function SignedOutPage(props: { reason: SignedOutReason; onSignIn: () => void }) {
  return (
    <Suspense fallback={<Spinner size="large" />}>
      <SignedOut {...props} />
    </Suspense>
  );
}
