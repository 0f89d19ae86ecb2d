import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { followLink, navigate, withQuery } from '../../../lib/router';
import { isVendor, type Session } from '../../../lib/session';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { usePartnerDirectory, useSlas, type Sla } from '../api/performance';
import { SeverityIndicator } from '../components/SeverityIndicator';
import { slaName, slaTarget, windowInWords } from '../lib/describe';

const t = messages.performance.slas;
const statusIndicator = { active: 'success', paused: 'stopped', retired: 'stopped' } as const;

/**
 * `/performance`: the SLA definitions of one partner (a partner person: their own; the vendor picks a partner,
 * kept in the URL as `?partner=<id>`), with the way to its scorecard and to reporting metrics.
 */
export default function SlaListPage({ session, search }: { session: Session; search: URLSearchParams }) {
  const vendor = isVendor(session);
  const partnerId = vendor ? (search.get('partner') ?? undefined) : session.partnerId;
  const directory = usePartnerDirectory(vendor);
  const slas = useSlas(partnerId);
  const options: SelectProps.Option[] = (directory.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  const chosen = options.find((o) => o.value === partnerId) ?? null;
  const items = slas.data?.items ?? [];

  return (
    <Table<Sla>
      variant="full-page"
      trackBy="id"
      items={items}
      loading={!!partnerId && slas.isPending}
      loadingText={messages.common.loading}
      header={
        <SpaceBetween size="m">
          <Header
            variant="h1"
            description={t.description}
            counter={slas.data ? `(${items.length})` : undefined}
            actions={
              partnerId ? (
                <SpaceBetween direction="horizontal" size="xs">
                  <Button href={`/partners/${partnerId}/metrics/upload`} onFollow={followLink}>
                    {t.uploadMetrics}
                  </Button>
                  <Button variant="primary" href={`/partners/${partnerId}/scorecard`} onFollow={followLink}>
                    {t.scorecard}
                  </Button>
                </SpaceBetween>
              ) : undefined
            }
          >
            {t.title}
          </Header>
          {slas.isError && <ProblemAlert error={slas.error} />}
          {directory.isError && <ProblemAlert error={directory.error} />}
        </SpaceBetween>
      }
      filter={
        vendor ? (
          <FormField label={t.partner} description={t.choosePartnerHint}>
            <Select
              selectedOption={chosen}
              options={options}
              placeholder={t.choosePartner}
              filteringType="auto"
              statusType={directory.isPending ? 'loading' : 'finished'}
              loadingText={messages.common.loading}
              onChange={({ detail }) =>
                navigate(withQuery('/performance', { partner: detail.selectedOption.value }), { replace: true })
              }
            />
          </FormField>
        ) : undefined
      }
      empty={
        <Box textAlign="center" color="inherit">
          <b>{partnerId ? t.empty : t.choosePartner}</b>
          <Box variant="p" color="inherit">
            {partnerId ? t.emptyDetail : t.noPartner}
          </Box>
        </Box>
      }
      columnDefinitions={[
        {
          id: 'name',
          header: t.name,
          isRowHeader: true,
          cell: (s) => (
            <Link href={`/partners/${s.partnerId}/slas/${s.id}`} onFollow={followLink}>
              {slaName(s)}
            </Link>
          ),
        },
        { id: 'metric', header: t.metric, cell: (s) => s.metric },
        { id: 'kind', header: t.kind, cell: (s) => messages.performance.slaKind[s.kind] },
        { id: 'target', header: t.target, cell: (s) => slaTarget(s) },
        { id: 'window', header: t.window, cell: (s) => windowInWords(s.window) },
        { id: 'severity', header: t.severity, cell: (s) => <SeverityIndicator severity={s.severity} /> },
        {
          id: 'status',
          header: t.status,
          cell: (s) => (
            <StatusIndicator type={statusIndicator[s.status]}>
              {messages.performance.slaStatus[s.status]}
            </StatusIndicator>
          ),
        },
        { id: 'source', header: t.source, cell: (s) => messages.performance.source[s.source] },
      ]}
    />
  );
}
