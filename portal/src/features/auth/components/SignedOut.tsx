import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { messages } from '../../../messages';
import type { SignedOutReason } from '../../../lib/session';

/** What a person sees when the session ends: why, and one way back in. */
export default function SignedOut({ reason, onSignIn }: { reason: SignedOutReason; onSignIn: () => void }) {
  const why = reason === 'renewal-failed' ? messages.auth.renewalFailed : messages.signedOut[reason];
  return (
    <Box padding="xl">
      <Container header={<Header variant="h1">{messages.signedOut.title}</Header>}>
        <SpaceBetween size="m">
          <Box variant="p">{why}</Box>
          <Button variant="primary" onClick={onSignIn}>
            {messages.signedOut.signInAgain}
          </Button>
        </SpaceBetween>
      </Container>
    </Box>
  );
}
