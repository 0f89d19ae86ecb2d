import Alert from '@cloudscape-design/components/alert';
import { BarChart, PieChart } from '../components/charts';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Link from '@cloudscape-design/components/link';
import Table from '@cloudscape-design/components/table';
import {
  colorChartsStatusCritical,
  colorChartsStatusMedium,
  colorChartsStatusNeutral,
  colorChartsStatusPositive,
} from '@cloudscape-design/design-tokens';
import { messages } from '../../../messages';
import { followLink, withQuery } from '../../../lib/router';
import { FigureLinks } from '../components/FigureLinks';
import { formatNumber, formatTime } from '../../../lib/format';
import { useDashboard } from '../api/use-dashboard';

const t = messages.dashboard;
const bands = ['healthy', 'at-risk', 'critical', 'no-data'] as const;
/** Status colours, so a band reads the same as everywhere in the console: critical is red, healthy green. */
const bandColors: Record<(typeof bands)[number], string> = {
  healthy: colorChartsStatusPositive,
  'at-risk': colorChartsStatusMedium,
  critical: colorChartsStatusCritical,
  'no-data': colorChartsStatusNeutral,
};
const severities = ['critical', 'warning', 'info'] as const;
const complianceBuckets = ['>=99', '95-99', '90-95', '80-90', '<80'] as const;
// Counts are whole: no tick at 0.2 of a partner.
const countTicks = (y: number) => (Number.isInteger(y) ? formatNumber(y) : '');

/** The vendor's program at a glance, from GET /v1/dashboard, refreshed every 10 s. */
export default function DashboardPage() {
  const dashboard = useDashboard();
  const header = (
    <Header
      variant="h1"
      description={dashboard.data ? t.description(dashboard.data.period) : undefined}
      info={
        dashboard.dataUpdatedAt ? (
          <Box variant="small">{messages.common.updatedAt(formatTime(dashboard.dataUpdatedAt))}</Box>
        ) : undefined
      }
    >
      {t.title}
    </Header>
  );
  if (dashboard.isPending)
    return (
      <ContentLayout header={header}>
        <Spinner size="large" />
      </ContentLayout>
    );
  if (dashboard.isError)
    return (
      <ContentLayout header={header}>
        <Alert
          type="error"
          header={messages.common.errorTitle}
          action={<Button onClick={() => void dashboard.refetch()}>{messages.common.retry}</Button>}
        >
          {dashboard.error.message}
        </Alert>
      </ContentLayout>
    );
  const d = dashboard.data;
  const partnerCount = bands.reduce((sum, b) => sum + d.partnersByHealth[b], 0);
  const empty = (
    <Box textAlign="center" color="inherit">
      <b>{t.noData}</b>
      <Box variant="p" color="inherit">
        {t.noDataDetail}
      </Box>
    </Box>
  );
  return (
    <ContentLayout header={header}>
      <SpaceBetween size="l">
        <ColumnLayout columns={2}>
          <Container header={<Header variant="h2">{t.health}</Header>}>
            <PieChart
              ariaLabel={t.health}
              variant="donut"
              size="medium"
              hideFilter
              data={bands.map((b) => ({ title: t.band[b], value: d.partnersByHealth[b], color: bandColors[b] }))}
              innerMetricValue={formatNumber(partnerCount)}
              innerMetricDescription={t.partners}
              segmentDescription={(datum, sum) =>
                `${formatNumber(datum.value)} (${formatNumber(sum ? datum.value / sum : 0, { style: 'percent' })})`
              }
              detailPopoverFooter={(segment) => {
                const band = bands.find((b) => t.band[b] === segment.title);
                return band ? (
                  <Link href={withQuery('/health', { health: band })} onFollow={followLink}>
                    {t.viewPartners}
                  </Link>
                ) : null;
              }}
              empty={empty}
            />
            <FigureLinks
              label={t.health}
              items={bands.map((b) => ({
                text: t.band[b],
                count: d.partnersByHealth[b],
                href: withQuery('/health', { health: b }),
              }))}
            />
          </Container>
          <Container header={<Header variant="h2">{t.alerts}</Header>}>
            <BarChart
              ariaLabel={t.alerts}
              hideFilter
              hideLegend
              height={200}
              xScaleType="categorical"
              xTitle={messages.partner.severity}
              yTitle={t.alertsCount}
              yTickFormatter={countTicks}
              series={[
                {
                  title: t.alertsCount,
                  type: 'bar',
                  data: severities.map((s) => ({ x: t.severity[s], y: d.openAlerts[s] })),
                },
              ]}
              empty={empty}
            />
            <FigureLinks
              label={t.alerts}
              items={severities.map((s) => ({
                text: t.severity[s],
                count: d.openAlerts[s],
                href: withQuery('/alerts', { severity: s }),
              }))}
            />
          </Container>
        </ColumnLayout>
        <Container header={<Header variant="h2">{t.compliance}</Header>}>
          <BarChart
            ariaLabel={t.compliance}
            hideFilter
            hideLegend
            height={200}
            xScaleType="categorical"
            xTitle={t.complianceAxis}
            yTitle={t.slas}
            yTickFormatter={countTicks}
            series={[
              {
                title: t.slas,
                type: 'bar',
                data: complianceBuckets.map((b) => ({ x: `${b} %`, y: d.slaCompliance[b] })),
              },
            ]}
            empty={empty}
          />
          <FigureLinks
            label={t.compliance}
            items={complianceBuckets.map((b) => ({
              text: `${b} %`,
              count: d.slaCompliance[b],
              href: withQuery('/health', { compliance: b }),
            }))}
          />
        </Container>
        <Table
          header={
            <Header
              variant="h2"
              actions={
                <Link href="/health" onFollow={followLink}>
                  {t.allPartners}
                </Link>
              }
            >
              {t.worst}
            </Header>
          }
          items={d.worst}
          empty={<Box textAlign="center">{t.noWorst}</Box>}
          columnDefinitions={[
            {
              id: 'name',
              header: t.partner,
              cell: (p) => (
                <Link href={`/partners/${encodeURIComponent(p.partnerId)}`} onFollow={followLink}>
                  {p.name}
                </Link>
              ),
              isRowHeader: true,
            },
            {
              id: 'score',
              header: t.healthScore,
              cell: (p) => (p.healthScore === undefined ? '—' : formatNumber(p.healthScore)),
            },
            { id: 'critical', header: t.openCritical, cell: (p) => formatNumber(p.openCritical) },
          ]}
        />
      </SpaceBetween>
    </ContentLayout>
  );
}
