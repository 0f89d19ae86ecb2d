import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { formatNumber, formatPercent } from '../../../lib/format';
import { followLink } from '../../../lib/router';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useScorecard, useSlas } from '../api/use-partner-lists';

const t = messages.partners.performance;
type Sla = NonNullable<ReturnType<typeof useSlas>['data']>['items'][number];
const severityIndicator = { critical: 'error', warning: 'warning', info: 'info' } as const;

/** The partner's SLAs with this month's compliance from the scorecard, linking to the scorecard and each SLA. */
export function PerformanceTab({ partnerId }: { partnerId: string }) {
  const slas = useSlas(partnerId);
  const scorecard = useScorecard(partnerId);
  const base = `/partners/${encodeURIComponent(partnerId)}`;
  const bySla = new Map((scorecard.data?.slas ?? []).map((s) => [s.slaId, s]));
  return (
    <Table
      header={
        <Header
          variant="h2"
          counter={slas.data ? `(${slas.data.items.length})` : undefined}
          description={scorecard.data ? t.description(monthName(scorecard.data.period)) : undefined}
          actions={
            <Button href={`${base}/scorecard`} onFollow={followLink}>
              {t.scorecard}
            </Button>
          }
        >
          {t.title}
        </Header>
      }
      items={slas.data?.items ?? []}
      loading={slas.isPending}
      loadingText={messages.common.loading}
      trackBy="id"
      empty={
        slas.isError ? (
          <ProblemAlert error={slas.error} />
        ) : (
          <Box textAlign="center" color="inherit">
            <SpaceBetween size="xxs">
              <b>{t.none}</b>
              <Box variant="p" color="inherit">
                {t.noneDetail}
              </Box>
            </SpaceBetween>
          </Box>
        )
      }
      columnDefinitions={[
        {
          id: 'name',
          header: t.name,
          isRowHeader: true,
          cell: (s) => (
            <Link href={`${base}/slas/${encodeURIComponent(s.id)}`} onFollow={followLink}>
              {s.name ?? s.metric}
            </Link>
          ),
        },
        { id: 'metric', header: t.metric, cell: (s) => s.metric },
        { id: 'target', header: t.target, cell: (s) => target(s) },
        { id: 'window', header: t.window, cell: (s) => duration(s.window) },
        {
          id: 'severity',
          header: t.severity,
          cell: (s) => (
            <StatusIndicator type={severityIndicator[s.severity]}>
              {messages.partners.severity[s.severity]}
            </StatusIndicator>
          ),
        },
        { id: 'status', header: t.status, cell: (s) => t.statusValue[s.status] },
        {
          id: 'compliance',
          header: t.compliance,
          cell: (s) => {
            const score = bySla.get(s.id);
            if (scorecard.isPending) return messages.common.loading;
            if (!score || score.compliance === undefined) return t.noData;
            return (
              <StatusIndicator type={score.met === false ? 'error' : 'success'}>
                {`${formatPercent(score.compliance / 100)} · ${score.met === false ? t.missed : t.met}`}
              </StatusIndicator>
            );
          },
        },
      ]}
    />
  );
}

const symbol: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };

function target(s: Sla): string {
  // Ratio targets, like compliance, are percentages (95 means 95 %).
  if (s.kind === 'ratio') return `${symbol[s.comparator]} ${formatPercent(s.target / 100)}`;
  if (s.kind === 'threshold') return `${symbol[s.comparator]} ${formatNumber(s.target)}`;
  return messages.partners.page.none;
}

/** An ISO 8601 duration (P30D, PT4H, PT15M) in words, through Intl's unit formatting; anything else as written. */
export function duration(iso: string): string {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!match) return iso;
  const parts: [string | undefined, string][] = [
    [match[1], 'day'],
    [match[2], 'hour'],
    [match[3], 'minute'],
  ];
  const words = parts
    .filter(([n]) => n !== undefined && n !== '0')
    .map(([n, unit]) => formatNumber(Number(n), { style: 'unit', unit, unitDisplay: 'long' }));
  return words.length ? words.join(' ') : iso;
}

/** "2027-03" as the viewer's language names it ("March 2027"). */
function monthName(period: string): string {
  const at = new Date(`${period}-01T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return period;
  return new Intl.DateTimeFormat(navigator.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(at);
}
