import Box from '@cloudscape-design/components/box';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { CursorPagination } from '../../../components/CursorPagination';
import { useCursorPages } from '../../../lib/use-cursor-pages';
import { formatDateTime, formatNumber, formatPercent } from '../../../lib/format';
import { followLink, navigate, withQuery } from '../../../lib/router';
import { usePartnerHealth, type PartnerHealthFilter } from '../api/use-partner-health';

const t = messages.health;
const bands = ['critical', 'at-risk', 'healthy', 'no-data'] as const;
const buckets = ['<80', '80-90', '90-95', '95-99', '>=99'] as const;
const bandIndicator = { critical: 'error', 'at-risk': 'warning', healthy: 'success', 'no-data': 'stopped' } as const;
type Band = (typeof bands)[number];
type Bucket = (typeof buckets)[number];

const isBand = (v: string | null): v is Band => bands.includes(v as Band);
const isBucket = (v: string | null): v is Bucket => buckets.includes(v as Bucket);

/**
 * The list behind the dashboard's figures: the month's partners worst first, filtered by health band or SLA
 * compliance bucket (both in the address, so a dashboard figure links straight to its list). Pages follow the
 * API's cursors; the pages seen are remembered for Previous.
 */
export default function PartnerHealthPage({ search }: { search: URLSearchParams }) {
  const health = search.get('health');
  const compliance = search.get('compliance');
  const shown = { ...(isBand(health) ? { health } : {}), ...(isBucket(compliance) ? { compliance } : {}) };
  // A cursor belongs to one query: other filters start again at page 1.
  const pages = useCursorPages(JSON.stringify(shown));
  const filter: PartnerHealthFilter = { ...shown, ...(pages.cursor ? { cursor: pages.cursor } : {}), limit: 50 };
  const list = usePartnerHealth(filter);
  const go = (next: { health?: string | undefined; compliance?: string | undefined }) => {
    navigate(withQuery('/health', { health: health ?? undefined, compliance: compliance ?? undefined, ...next }));
  };
  const anyOption = { value: '', label: t.any };
  const bandOptions = [anyOption, ...bands.map((b) => ({ value: b, label: messages.dashboard.band[b] }))];
  const bucketOptions = [anyOption, ...buckets.map((b) => ({ value: b, label: `${b} %` }))];

  return (
    <ContentLayout
      breadcrumbs={
        <BreadcrumbGroup
          items={[
            { text: t.dashboard, href: '/' },
            { text: t.title, href: '/health' },
          ]}
          onFollow={followLink}
        />
      }
      header={
        <Header variant="h1" description={list.data ? t.description(list.data.period) : undefined}>
          {t.title}
        </Header>
      }
    >
      <Table
        variant="full-page"
        wrapLines
        items={list.data?.items ?? []}
        loading={list.isPending}
        loadingText={messages.common.loading}
        filter={
          <SpaceBetween direction="horizontal" size="m" alignItems="end">
            <FormField label={t.filterHealth}>
              <Select
                selectedOption={bandOptions.find((o) => o.value === (health ?? '')) ?? anyOption}
                options={bandOptions}
                onChange={({ detail }) => go({ health: detail.selectedOption.value || undefined })}
              />
            </FormField>
            <FormField label={t.filterCompliance}>
              <Select
                selectedOption={bucketOptions.find((o) => o.value === (compliance ?? '')) ?? anyOption}
                options={bucketOptions}
                onChange={({ detail }) => go({ compliance: detail.selectedOption.value || undefined })}
              />
            </FormField>
            {health || compliance ? (
              <Button onClick={() => go({ health: undefined, compliance: undefined })}>{t.clear}</Button>
            ) : null}
          </SpaceBetween>
        }
        empty={list.isError ? <ProblemAlert error={list.error} /> : <Box textAlign="center">{t.empty}</Box>}
        pagination={
          <CursorPagination pages={pages} nextCursor={list.isPlaceholderData ? undefined : list.data?.nextCursor} />
        }
        columnDefinitions={[
          {
            id: 'name',
            header: t.partner,
            isRowHeader: true,
            cell: (p) => (
              <Link href={`/partners/${encodeURIComponent(p.partnerId)}`} onFollow={followLink}>
                {p.name}
              </Link>
            ),
          },
          {
            id: 'band',
            header: t.band,
            // Wide enough for the longest band ("No data", "At risk") with its icon, so a word never breaks.
            minWidth: 130,
            cell: (p) => (
              <StatusIndicator type={bandIndicator[p.health]}>{messages.dashboard.band[p.health]}</StatusIndicator>
            ),
          },
          {
            id: 'score',
            header: t.score,
            cell: (p) => (p.healthScore === undefined ? '—' : formatNumber(p.healthScore)),
          },
          { id: 'slas', header: t.slasScored, cell: (p) => formatNumber(p.slasScored) },
          {
            id: 'lowest',
            header: t.lowestCompliance,
            cell: (p) => (p.lowestCompliance === undefined ? '—' : formatPercent(p.lowestCompliance / 100)),
          },
          {
            id: 'alerts',
            header: t.openAlerts,
            cell: (p) =>
              `${formatNumber(p.openAlerts.critical)} ${messages.dashboard.severity.critical} · ${formatNumber(
                p.openAlerts.warning,
              )} ${messages.dashboard.severity.warning}`,
          },
          { id: 'scored', header: t.computedAt, cell: (p) => formatDateTime(p.computedAt) },
        ]}
      />
    </ContentLayout>
  );
}
