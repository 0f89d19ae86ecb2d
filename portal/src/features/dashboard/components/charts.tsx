import { lazy, Suspense, type ComponentType } from 'react';
import type { BarChartProps } from '@cloudscape-design/components/bar-chart';
import type { PieChartProps } from '@cloudscape-design/components/pie-chart';
import Spinner from '@cloudscape-design/components/spinner';

/*
 * The charts come a moment after the figures: Cloudscape's charts carry their filter (a multiselect) and d3 even
 * when the filter is hidden, about 60 KB gzipped. The dashboard's figures (FigureLinks) render with the first
 * screen; each chart takes the place it already holds (no layout shift) when its code arrives.
 */
// Charts of categories (severities, compliance buckets): the generic chart fixed to string x values.
const LazyBarChart = lazy<ComponentType<BarChartProps<string>>>(
  () => import('@cloudscape-design/components/bar-chart'),
);
const LazyPieChart = lazy(() => import('@cloudscape-design/components/pie-chart'));

function Placeholder({ height }: { height: number }) {
  return (
    <div style={{ blockSize: height, display: 'grid', placeItems: 'center' }}>
      <Spinner />
    </div>
  );
}

export function BarChart(props: BarChartProps<string>) {
  return (
    <Suspense fallback={<Placeholder height={(props.height ?? 200) + 60} />}>
      <LazyBarChart {...props} />
    </Suspense>
  );
}

export function PieChart(props: PieChartProps) {
  return (
    <Suspense fallback={<Placeholder height={300} />}>
      <LazyPieChart {...props} />
    </Suspense>
  );
}
