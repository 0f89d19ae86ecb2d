import { lazy, Suspense, useEffect, useState } from 'react';
import Spinner from '@cloudscape-design/components/spinner';
import { navigate } from '../../../lib/router';
import { signIn, type Role } from '../../../lib/session';
import { fetchLocalToken } from '../api/local-sign-in';

// Only a spinner in the entry chunk: the alert (and what it pulls in) loads only when there is an error to show.
const DirectSignInFailed = lazy(() => import('./DirectSignInFailed'));

/** `/local/sign-in?role=&partnerId=`: signs straight in and opens the home screen, for tests and demos. */
export default function LocalDirectSignIn({ search }: { search: URLSearchParams }) {
  const [error, setError] = useState<string>();
  const role = search.get('role') ?? '';
  const partnerId = search.get('partnerId') ?? undefined;
  useEffect(() => {
    let cancelled = false;
    fetchLocalToken(role as Role, partnerId).then(
      (token) => {
        if (cancelled) return;
        signIn(token);
        navigate('/', { replace: true });
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [role, partnerId]);
  return error ? (
    <Suspense fallback={<Spinner size="large" />}>
      <DirectSignInFailed error={error} />
    </Suspense>
  ) : (
    <Spinner size="large" />
  );
}
