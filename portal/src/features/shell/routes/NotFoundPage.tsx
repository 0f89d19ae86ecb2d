import Alert from '@cloudscape-design/components/alert';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { messages } from '../../../messages';
import { followLink } from '../../../lib/router';

/**
 * An address that names nothing, or something this person may not see: the same words either way, so a partner
 * editing the URL learns nothing about another partner's existence.
 */
export default function NotFoundPage() {
  return (
    <Alert type="error" header={messages.common.notFound}>
      <SpaceBetween size="xs">
        <span>{messages.common.notFoundDetail}</span>
        <Link href="/" onFollow={followLink}>
          {messages.common.home}
        </Link>
      </SpaceBetween>
    </Alert>
  );
}
