import { useCallback, useEffect, useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { messages } from '../../../messages';
import { redirectToSignIn } from '../cognito';
import type { SignInProblem } from '../start';

const t = messages;

/**
 * Sign-in in AWS: straight on to Cognito managed login, back at the address asked for. After a problem (a refused
 * or broken callback) it waits for the person to try again instead of sending them round in a loop.
 */
export default function ManagedSignIn({
  problem,
  canRetry = true,
  returnTo,
}: {
  problem?: SignInProblem;
  canRetry?: boolean;
  returnTo: string;
}) {
  const [error, setError] = useState<string>();
  const [redirecting, setRedirecting] = useState(!problem);
  const go = useCallback(() => {
    setRedirecting(true);
    redirectToSignIn(returnTo).catch((e: unknown) => {
      setRedirecting(false);
      setError(e instanceof Error ? e.message : String(e));
    });
  }, [returnTo]);
  useEffect(() => {
    if (!problem) go();
  }, [problem, go]);

  return (
    <Box padding="xl">
      <Container header={<Header variant="h1">{t.signIn.title}</Header>}>
        <SpaceBetween size="m">
          {problem && (
            <Alert type="error" header={problem.title}>
              {problem.detail}
            </Alert>
          )}
          {error && (
            <Alert type="error" header={t.signIn.failed}>
              {error}
            </Alert>
          )}
          {redirecting ? (
            <SpaceBetween size="xs">
              <StatusIndicator type="loading">{t.auth.redirecting}</StatusIndicator>
              <Box variant="p" color="text-body-secondary">
                {t.auth.redirectingDetail}
              </Box>
            </SpaceBetween>
          ) : (
            canRetry && (
              <Button variant="primary" onClick={go}>
                {t.auth.signIn}
              </Button>
            )
          )}
        </SpaceBetween>
      </Container>
    </Box>
  );
}
