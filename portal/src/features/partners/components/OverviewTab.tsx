import { useEffect, useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { formatDateTime } from '../../../lib/format';
import { followLink, withQuery } from '../../../lib/router';
import { LocalTime } from '../../../components/LocalTime';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useOpenAlerts, type Partner } from '../api/use-partner';
import { StatusBadge } from './StatusBadge';
import { countryName } from './choices';

const t = messages.partners;
const severityIndicator = { critical: 'error', warning: 'warning', info: 'info' } as const;

/** The partner's profile, its status and local time now, and its open alerts (polled, so a breach shows by itself). */
export function OverviewTab({ partner, vendor }: { partner: Partner; vendor: boolean }) {
  const alerts = useOpenAlerts(partner.id);
  const now = useNow(30_000);
  const none = t.page.none;
  return (
    <SpaceBetween size="l">
      <Container header={<Header variant="h2">{t.page.profile}</Header>}>
        <KeyValuePairs
          columns={4}
          items={[
            {
              label: t.page.status,
              value: (
                <SpaceBetween size="xxs">
                  <StatusBadge status={partner.status} />
                  {partner.statusReason && <Box variant="small">{partner.statusReason}</Box>}
                </SpaceBetween>
              ),
            },
            {
              label: t.page.statusSince,
              value: <LocalTime at={partner.statusChangedAt} partnerTimeZone={partner.timezone} />,
            },
            { label: t.page.tier, value: t.tier[partner.tier] },
            { label: t.page.kind, value: t.kind[partner.kind] },
            { label: t.page.country, value: countryName(partner.country) },
            { label: t.page.timezone, value: partner.timezone },
            {
              label: t.page.localNow,
              value: <time dateTime={new Date(now).toISOString()}>{formatDateTime(now, partner.timezone)}</time>,
            },
            { label: t.page.legalName, value: partner.legalName ?? none },
            {
              label: t.page.website,
              value: partner.website ? (
                <Link href={partner.website} external>
                  {partner.website}
                </Link>
              ) : (
                none
              ),
            },
            { label: t.page.ownerManager, value: partner.ownerManager ?? none },
            {
              label: t.page.contact,
              value: partner.primaryContact
                ? [partner.primaryContact.name, partner.primaryContact.email, partner.primaryContact.phone]
                    .filter(Boolean)
                    .join(' · ')
                : none,
            },
            { label: t.page.tags, value: partner.tags?.length ? partner.tags.join(', ') : none },
            {
              label: t.page.registered,
              value: <LocalTime at={partner.createdAt} partnerTimeZone={partner.timezone} />,
            },
          ]}
        />
      </Container>
      <Table
        header={
          <Header
            variant="h2"
            counter={alerts.data ? `(${alerts.data.items.length})` : undefined}
            actions={
              <Link href={vendor ? withQuery('/alerts', { partner: partner.id }) : '/alerts'} onFollow={followLink}>
                {t.page.allAlerts}
              </Link>
            }
          >
            {t.page.openAlerts}
          </Header>
        }
        items={alerts.data?.items ?? []}
        loading={alerts.isPending}
        loadingText={messages.common.loading}
        empty={alerts.isError ? <ProblemAlert error={alerts.error} /> : <Box textAlign="center">{t.page.noAlerts}</Box>}
        columnDefinitions={[
          {
            id: 'severity',
            header: t.page.severity,
            cell: (a) => (
              <StatusIndicator type={severityIndicator[a.severity]}>{t.severity[a.severity]}</StatusIndicator>
            ),
          },
          { id: 'metric', header: t.page.metric, cell: (a) => a.metric, isRowHeader: true },
          { id: 'detail', header: t.page.detail, cell: (a) => a.detail },
          {
            id: 'since',
            header: t.page.firstSeen,
            cell: (a) => <LocalTime at={a.firstSeen} partnerTimeZone={partner.timezone} />,
          },
        ]}
      />
    </SpaceBetween>
  );
}

/** The current time, refreshed every `ms`: the partner's local clock on the page stays right. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
