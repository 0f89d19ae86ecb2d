import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { messages } from '../../../messages';
import type { SignedOutReason } from '../../../lib/session';

/** What a person sees when the session ends: why, and one way back in. */
export function SignedOutPage({ reason, onSignIn }: { reason: SignedOutReason; onSignIn: () => void }) {
  return (
    <Box padding="xl">
      <Container header={<Header variant="h1">{messages.signedOut.title}</Header>}>
        <SpaceBetween size="m">
          <Box variant="p">{messages.signedOut[reason]}</Box>
          <Button variant="primary" onClick={onSignIn}>
            {messages.signedOut.signInAgain}
          </Button>
        </SpaceBetween>
      </Container>
    </Box>
  );
}
