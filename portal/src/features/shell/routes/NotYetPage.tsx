import Box from '@cloudscape-design/components/box';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import { messages } from '../../../messages';

/** Partners, Agreements and Alerts are in the navigation already; their screens come in the next part. */
export default function NotYetPage({ title }: { title: string }) {
  return (
    <ContentLayout header={<Header variant="h1">{title}</Header>}>
      <Box variant="p">{messages.common.comingSoon}</Box>
    </ContentLayout>
  );
}
