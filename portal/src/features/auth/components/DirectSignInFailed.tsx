import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import { messages } from '../../../messages';

/** Why `/local/sign-in` could not sign in (an unknown role, a partner role without a partner). */
export default function DirectSignInFailed({ error }: { error: string }) {
  return (
    <Box padding="xl">
      <Alert type="error" header={messages.signIn.failed}>
        {error}
      </Alert>
    </Box>
  );
}
