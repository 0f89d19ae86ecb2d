import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Real monthly series from the `vega-datasets` package (data files shipped in node_modules), parsed here
 * so the forecasting tests run offline on data nobody tuned the engine for.
 */

export interface NamedSeries {
  name: string;
  values: number[];
}

// The package exports only its entry point (build/index.js); the data folder sits next to build/.
const dataDir = join(dirname(require.resolve('vega-datasets')), '..', 'data');
const read = (file: string) => readFileSync(join(dataDir, file), 'utf8');

function csv(file: string): Record<string, string>[] {
  const [header, ...lines] = read(file).trim().split(/\r?\n/);
  const columns = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

const monthIndex = (isoDate: string) => Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;

/** Mauna Loa CO2 (ppm), monthly; the record has gaps until April 1964, so it starts at the first month after. */
export function co2(): NamedSeries {
  const rows = csv('co2-concentration.csv');
  let start = 0;
  for (let i = 1; i < rows.length; i++)
    if (monthIndex(rows[i]!.Date!) - monthIndex(rows[i - 1]!.Date!) !== 1) start = i;
  return { name: 'co2 (Mauna Loa, ppm)', values: rows.slice(start).map((r) => Number(r.CO2)) };
}

/** US employment by sector, thousands, monthly 2006-2015 (seasonally adjusted by BLS). */
export function usEmployment(columns: readonly string[]): NamedSeries[] {
  const rows = csv('us-employment.csv');
  return columns.map((c) => ({ name: `us-employment ${c}`, values: rows.map((r) => Number(r[c])) }));
}

/** Unemployed persons by previous industry, thousands, monthly 2000-2010 (not seasonally adjusted). */
export function unemploymentByIndustry(): NamedSeries[] {
  const rows = JSON.parse(read('unemployment-across-industries.json')) as {
    series: string;
    year: number;
    month: number;
    count: number;
  }[];
  const bySeries = new Map<string, { at: number; count: number }[]>();
  for (const r of rows) {
    const list = bySeries.get(r.series) ?? [];
    list.push({ at: r.year * 12 + r.month, count: r.count });
    bySeries.set(r.series, list);
  }
  return [...bySeries].map(([name, list]) => ({
    name: `unemployment ${name}`,
    values: list.sort((a, b) => a.at - b.at).map((p) => p.count),
  }));
}

/** Seattle daily weather 2012-2015 aggregated to 48 months: mean daily high (C) and total precipitation (mm). */
export function seattleMonthly(): NamedSeries[] {
  const months = new Map<string, { high: number; rain: number; days: number }>();
  for (const r of csv('seattle-weather.csv')) {
    const key = r.date!.slice(0, 7);
    const m = months.get(key) ?? { high: 0, rain: 0, days: 0 };
    m.high += Number(r.temp_max);
    m.rain += Number(r.precipitation);
    m.days += 1;
    months.set(key, m);
  }
  const ordered = [...months].sort(([a], [b]) => a.localeCompare(b)).map(([, m]) => m);
  return [
    { name: 'seattle mean daily high', values: ordered.map((m) => m.high / m.days) },
    { name: 'seattle precipitation', values: ordered.map((m) => m.rain) },
  ];
}
