import { lazy, Suspense } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { ApiError } from '../../../lib/api/client';
import { formatDateTime, formatMonth, formatNumber, formatPercent } from '../../../lib/format';
import { followLink, navigate, withQuery } from '../../../lib/router';
import { currentSession, isVendor } from '../../../lib/session';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { usePartnerOf, useScorecard, useSlas, type Scorecard, type Sla } from '../api/performance';
import { SeverityIndicator } from '../components/SeverityIndicator';
import { durationMs, slaName, slaTarget, windowInWords } from '../lib/describe';

// The chart library is the heaviest part of this screen: the table shows first, the charts follow.
const SlaChart = lazy(() => import('../components/SlaChart'));

const t = messages.performance.scorecard;
type SlaLine = Scorecard['slas'][number];

/** This month and the eleven before it, newest first (`2026-11`), in UTC as the API's periods are. */
function recentMonths(now = new Date()): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** The SLA's window ending at the month's end, or now for the running month. */
function chartWindow(period: string, window: string): { from: string; to: string; resolution: 'hour' | 'day' } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const monthEnd = Date.UTC(year, month, 1);
  const to = Math.min(Date.now(), monthEnd);
  const span = durationMs(window);
  return {
    from: new Date(to - span).toISOString(),
    to: new Date(to).toISOString(),
    resolution: span > 31 * 86_400_000 ? 'day' : 'hour',
  };
}

/**
 * `/partners/:partnerId/scorecard?month=YYYY-MM`: the month's health score, each SLA's compliance, error budget
 * and status, and a chart per SLA of its metric against its target over the SLA's window.
 */
export default function ScorecardPage({ partnerId, search }: { partnerId: string; search: URLSearchParams }) {
  const months = recentMonths();
  const asked = search.get('month') ?? '';
  const period = /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : months[0]!;
  const partner = usePartnerOf(partnerId);
  const scorecard = useScorecard(partnerId, period);
  const slas = useSlas(partnerId);
  const definitions = new Map((slas.data?.items ?? []).map((s) => [s.id, s]));
  const monthOptions = (months.includes(period) ? months : [period, ...months]).map((m) => ({
    value: m,
    label: formatMonth(m),
  }));
  const session = currentSession();
  const listHref = session && isVendor(session) ? `/performance?partner=${partnerId}` : '/performance';

  if (partner.isError) {
    const notFound = partner.error instanceof ApiError && [403, 404].includes(partner.error.status);
    return (
      <ContentLayout header={<Header variant="h1">{messages.common.notFound}</Header>}>
        {notFound ? (
          <Alert type="error" header={messages.common.notFound}>
            {messages.common.notFoundDetail}
          </Alert>
        ) : (
          <ProblemAlert error={partner.error} />
        )}
      </ContentLayout>
    );
  }
  const name = partner.data?.name ?? '';
  const card = scorecard.data;

  return (
    <ContentLayout
      breadcrumbs={
        <BreadcrumbGroup
          ariaLabel={messages.performance.sla.breadcrumbs}
          onFollow={followLink}
          items={[
            { text: messages.performance.slas.title, href: listHref },
            { text: messages.performance.slas.scorecard, href: `/partners/${partnerId}/scorecard` },
          ]}
        />
      }
      header={
        <Header
          variant="h1"
          description={card ? t.computedAt(formatDateTime(card.computedAt)) : undefined}
          actions={
            <FormField label={t.month}>
              <Select
                selectedOption={monthOptions.find((o) => o.value === period) ?? null}
                options={monthOptions}
                onChange={({ detail }) =>
                  navigate(withQuery(`/partners/${partnerId}/scorecard`, { month: detail.selectedOption.value }), {
                    replace: true,
                  })
                }
              />
            </FormField>
          }
        >
          {t.title(name || '…')}
        </Header>
      }
    >
      {scorecard.isPending ? (
        <Spinner size="large" />
      ) : scorecard.isError ? (
        <ProblemAlert error={scorecard.error} />
      ) : (
        <SpaceBetween size="l">
          <Container header={<Header variant="h2">{formatMonth(period)}</Header>}>
            <KeyValuePairs
              columns={3}
              items={[
                {
                  label: t.healthScore,
                  value: card!.healthScore === undefined ? t.noScore : formatNumber(card!.healthScore),
                },
                { label: t.alertsRaised, value: severityCounts(card!.alerts.raised) },
                { label: t.openAlerts, value: severityCounts(card!.alerts.open) },
              ]}
            />
          </Container>
          <Table<SlaLine>
            header={<Header variant="h2">{t.slas}</Header>}
            items={card!.slas}
            trackBy="slaId"
            empty={<Box textAlign="center">{t.empty}</Box>}
            columnDefinitions={[
              {
                id: 'sla',
                header: t.sla,
                isRowHeader: true,
                cell: (line) => (
                  <Link href={`/partners/${partnerId}/slas/${line.slaId}`} onFollow={followLink}>
                    {describe(line, definitions.get(line.slaId))}
                  </Link>
                ),
              },
              {
                id: 'severity',
                header: messages.performance.slas.severity,
                cell: (l) => <SeverityIndicator severity={l.severity} />,
              },
              {
                id: 'target',
                header: messages.performance.slas.target,
                cell: (l) => slaTarget(definitions.get(l.slaId) ?? { ...l, comparator: l.kpi?.comparator }),
              },
              {
                id: 'compliance',
                header: t.compliance,
                cell: (l) => (l.compliance === undefined ? '—' : formatPercent(l.compliance / 100, 2)),
              },
              {
                id: 'budget',
                header: t.errorBudget,
                cell: (l) => (l.errorBudgetLeft === undefined ? '—' : formatPercent(l.errorBudgetLeft)),
              },
              {
                id: 'kpi',
                header: t.kpi,
                cell: (l) => (l.kpi ? formatNumber(l.kpi.value, { maximumFractionDigits: 2 }) : '—'),
              },
              {
                id: 'status',
                header: t.status,
                cell: (l) =>
                  l.met === undefined ? (
                    <StatusIndicator type="stopped">{t.noData}</StatusIndicator>
                  ) : l.met ? (
                    <StatusIndicator type="success">{t.met}</StatusIndicator>
                  ) : (
                    <StatusIndicator type="error">{t.missed}</StatusIndicator>
                  ),
              },
            ]}
          />
          {card!.slas.length > 0 && (
            <Container header={<Header variant="h2">{t.charts}</Header>}>
              <ColumnLayout columns={card!.slas.length > 1 ? 2 : 1}>
                {card!.slas.map((line) => {
                  const sla = definitions.get(line.slaId);
                  if (!sla) return slas.isPending ? <Spinner key={line.slaId} /> : null;
                  const range = chartWindow(period, sla.window);
                  return (
                    <SpaceBetween key={line.slaId} size="xs">
                      <Header variant="h3">{t.chartTitle(slaName(sla), windowInWords(sla.window))}</Header>
                      <Suspense fallback={<StatusIndicator type="loading">{t.chartLoading}</StatusIndicator>}>
                        <SlaChart partnerId={partnerId} sla={sla} {...range} />
                      </Suspense>
                    </SpaceBetween>
                  );
                })}
              </ColumnLayout>
            </Container>
          )}
        </SpaceBetween>
      )}
    </ContentLayout>
  );
}

function describe(line: SlaLine, sla: Sla | undefined): string {
  return sla ? slaName(sla) : messages.performance.slas.unnamed(line.metric);
}

function severityCounts(counts: { critical: number; warning: number; info: number }) {
  return (
    <SpaceBetween direction="horizontal" size="s">
      {(['critical', 'warning', 'info'] as const).map((s) => (
        <span key={s}>
          <SeverityIndicator severity={s} /> {formatNumber(counts[s])}
        </span>
      ))}
    </SpaceBetween>
  );
}
