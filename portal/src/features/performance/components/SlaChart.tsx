import LineChart from '@cloudscape-design/components/line-chart';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Box from '@cloudscape-design/components/box';
import { messages } from '../../../messages';
import { formatDateTime, formatDayHour, formatNumber, formatPercent } from '../../../lib/format';
import { useSeries, type Sla } from '../api/performance';
import { slaTarget } from '../lib/describe';

const t = messages.performance.scorecard;
type SeriesPoint = { avg?: number; sum: number; min?: number; max?: number; ratio?: number; count: number };

/** What one bucket shows against the SLA: the aggregate it compares, % good events, or how many reports came. */
function valueOf(sla: Sla, p: SeriesPoint): number | undefined {
  if (sla.kind === 'ratio') return p.ratio === undefined ? undefined : p.ratio * 100;
  if (sla.kind === 'freshness') return p.count;
  return { avg: p.avg, sum: p.sum, min: p.min, max: p.max }[sla.aggregate];
}

/**
 * The SLA's metric per hour (per day over long windows) across the SLA's window, with its target as a threshold
 * line; the chart's accessible name says what it shows and against which target.
 */
export default function SlaChart(props: {
  partnerId: string;
  sla: Sla;
  from: string;
  to: string;
  resolution: 'hour' | 'day';
}) {
  const { sla } = props;
  const series = useSeries(props.partnerId, sla.metric, props.from, props.to, props.resolution);
  const points = (series.data?.points ?? []).flatMap((p) => {
    const y = valueOf(sla, p);
    return y === undefined ? [] : [{ x: new Date(p.start), y }];
  });
  const target = sla.kind === 'freshness' ? undefined : sla.target;
  const ratio = sla.kind === 'ratio';
  const format = (y: number) => (ratio ? formatPercent(y / 100, 2) : formatNumber(y, { maximumFractionDigits: 2 }));
  const values = [...points.map((p) => p.y), ...(target === undefined ? [] : [target])];
  const low = Math.min(...values, ratio ? 100 : Infinity);
  const high = Math.max(...values);
  const pad = (high - low) * 0.1 || 1;
  const yDomain = values.length
    ? [Math.max(ratio || sla.kind === 'freshness' ? 0 : -Infinity, low - pad), high + pad]
    : undefined;
  const label = t.chartLabel(sla.metric, slaTarget(sla));
  return (
    <LineChart<Date>
      ariaLabel={label}
      ariaDescription={t.chartDescription(formatDateTime(props.from), formatDateTime(props.to))}
      height={200}
      hideFilter
      xScaleType="time"
      xDomain={[new Date(props.from), new Date(props.to)]}
      yDomain={yDomain}
      xTitle={t.time}
      yTitle={sla.kind === 'freshness' ? t.reports : sla.metric}
      statusType={series.isPending ? 'loading' : series.isError ? 'error' : 'finished'}
      loadingText={t.chartLoading}
      errorText={t.chartError}
      i18nStrings={{
        xTickFormatter: (d) => formatDayHour(d.getTime()),
        yTickFormatter: format,
        detailPopoverDismissAriaLabel: messages.performance.inbox.dismiss,
      }}
      detailPopoverSeriesContent={({ series: s, y }) => ({ key: s.title, value: format(y) })}
      series={[
        { title: sla.metric, type: 'line', data: points, valueFormatter: format },
        ...(target === undefined
          ? []
          : [{ title: t.target, type: 'threshold' as const, y: target, valueFormatter: format }]),
      ]}
      empty={
        <Box textAlign="center" color="inherit">
          <StatusIndicator type="info">{t.chartEmpty}</StatusIndicator>
        </Box>
      }
    />
  );
}
