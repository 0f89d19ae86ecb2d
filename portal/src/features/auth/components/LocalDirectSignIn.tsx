import { useEffect, useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Spinner from '@cloudscape-design/components/spinner';
import { messages } from '../../../messages';
import { navigate } from '../../../lib/router';
import { signIn, type Role } from '../../../lib/session';
import { fetchLocalToken } from '../api/local-sign-in';

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
  return (
    <Box padding="xl">
      {error ? (
        <Alert type="error" header={messages.signIn.failed}>
          {error}
        </Alert>
      ) : (
        <Spinner size="large" />
      )}
    </Box>
  );
}
