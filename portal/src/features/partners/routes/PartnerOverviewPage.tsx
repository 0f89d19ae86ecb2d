import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { formatDateTime } from '../../../lib/format';
import { ApiError } from '../../../lib/api/client';
import { useOpenAlerts, usePartner } from '../api/use-partner';

const t = messages.partner;
const severityIndicator = { critical: 'error', warning: 'warning', info: 'info' } as const;

/** A partner person's home: their partner's name, status, tier, and its open alerts. */
export default function PartnerOverviewPage({ partnerId }: { partnerId: string }) {
  const partner = usePartner(partnerId);
  const alerts = useOpenAlerts(partnerId);
  if (partner.isPending) return <Spinner size="large" />;
  if (partner.isError) {
    const notFound = partner.error instanceof ApiError && partner.error.status === 404;
    return (
      <Alert type="error" header={notFound ? messages.common.notFound : messages.common.errorTitle}>
        {notFound ? messages.common.notFoundDetail : partner.error.message}
      </Alert>
    );
  }
  const p = partner.data;
  return (
    <ContentLayout header={<Header variant="h1">{p.name}</Header>}>
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">{t.overview}</Header>}>
          <KeyValuePairs
            columns={4}
            items={[
              { label: t.status, value: p.status },
              { label: t.tier, value: p.tier },
              { label: t.kind, value: p.kind },
              { label: t.country, value: p.country },
            ]}
          />
        </Container>
        <Table
          header={<Header variant="h2">{t.openAlerts}</Header>}
          items={alerts.data?.items ?? []}
          loading={alerts.isPending}
          loadingText={messages.common.loading}
          empty={
            alerts.isError ? (
              <StatusIndicator type="error">{alerts.error.message}</StatusIndicator>
            ) : (
              <Box textAlign="center">{t.noAlerts}</Box>
            )
          }
          columnDefinitions={[
            {
              id: 'severity',
              header: t.severity,
              cell: (a) => (
                <StatusIndicator type={severityIndicator[a.severity]}>
                  {messages.dashboard.severity[a.severity]}
                </StatusIndicator>
              ),
            },
            { id: 'metric', header: t.metric, cell: (a) => a.metric, isRowHeader: true },
            { id: 'detail', header: t.detail, cell: (a) => a.detail },
            { id: 'since', header: t.since, cell: (a) => formatDateTime(a.firstSeen) },
          ]}
        />
      </SpaceBetween>
    </ContentLayout>
  );
}
