/**
 * Metric points from a CSV file, checked in the browser before anything is sent: the same rules as the API's
 * (functions/performance/domain/metric.ts), so a person sees every problem at once, by row number, and the API's
 * own check stays the last word. Pure functions: no DOM, no React.
 */
import { messages } from '../../../messages';

const t = messages.performance.upload.errors;

export const CSV_COLUMNS = ['metric', 'at', 'value', 'good', 'total', 'id'] as const;
type Column = (typeof CSV_COLUMNS)[number];
export const MAX_CSV_ROWS = 5_000;
/** The API takes at most this many points per request. */
export const POINTS_PER_REQUEST = 500;
const MAX_FUTURE_MS = 5 * 60 * 1000;

export type CsvPoint =
  | { metric: string; at: string; value: number; id: string }
  | { metric: string; at: string; good: number; total: number; id: string };

export interface CsvRow {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  metric: string;
  at: string;
  reading: string;
  point?: CsvPoint;
  errors: string[];
}

export type CsvResult = { rows: CsvRow[] } | { fileError: string };

const metricName = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/;
const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const pointId = /^[\x21-\x7e]{1,64}$/;
const wholeNumber = /^\d+$/;

/** Records of an RFC 4180 file (quotes, doubled quotes, CRLF or LF); a record ends only outside quotes. */
export function parseCsv(text: string): { records: string[][]; unclosedQuoteAt?: number } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let recordStart = 1;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      recordStart = records.length + 1;
    } else field += c;
  }
  if (quoted) return { records, unclosedQuoteAt: recordStart };
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { records };
}

/** Every data row of the file, each with its point or its problems; or why the file as a whole cannot be read. */
export function readMetricsCsv(text: string, now = Date.now()): CsvResult {
  const { records, unclosedQuoteAt } = parseCsv(text);
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const upload = messages.performance.upload;
  const unknown = header.filter((h) => h !== '' && !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) return { fileError: upload.unknownColumns(unknown.join(', ')) };
  if (!header.includes('metric') || !header.includes('at'))
    return { fileError: upload.missingColumns('metric, at, and value (or good and total)') };
  const rows: CsvRow[] = [];
  for (const [index, fields] of records.entries()) {
    if (index === 0 || fields.every((f) => f.trim() === '')) continue;
    rows.push(checkRow(index + 1, header, fields, now));
  }
  if (unclosedQuoteAt !== undefined)
    rows.push({ row: unclosedQuoteAt, metric: '', at: '', reading: '', errors: [t.quote] });
  if (rows.length === 0) return { fileError: upload.emptyFile };
  if (rows.length > MAX_CSV_ROWS) return { fileError: upload.tooManyRows(MAX_CSV_ROWS) };
  return { rows };
}

function checkRow(row: number, header: string[], fields: string[], now: number): CsvRow {
  const get = (column: Column) => {
    const i = header.indexOf(column);
    return i < 0 ? '' : (fields[i] ?? '').trim();
  };
  const metric = get('metric');
  const at = get('at');
  const [value, good, total, id] = [get('value'), get('good'), get('total'), get('id')];
  const reading = value !== '' ? value : good !== '' || total !== '' ? `${good} / ${total}` : '';
  const errors: string[] = [];
  if (fields.length !== header.length) errors.push(t.columns(header.length, fields.length));
  if (metric.length < 2 || metric.length > 64 || !metricName.test(metric)) errors.push(t.metric);
  const atMs = isoWithOffset.test(at) ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(atMs)) errors.push(t.at);
  else if (atMs > now + MAX_FUTURE_MS) errors.push(t.future);
  if (id !== '' && !pointId.test(id)) errors.push(t.id);

  let reported: { value: number } | { good: number; total: number } | undefined;
  if (value !== '' && good === '' && total === '') {
    const n = Number(value);
    if (Number.isFinite(n)) reported = { value: n };
    else errors.push(t.value);
  } else if (value === '' && good !== '' && total !== '') {
    const [g, tot] = [Number(good), Number(total)];
    const goodOk = wholeNumber.test(good);
    const totalOk = wholeNumber.test(total) && tot >= 1 && tot <= 1e9;
    if (!goodOk) errors.push(t.good);
    if (!totalOk) errors.push(t.total);
    if (goodOk && totalOk && g > tot) errors.push(t.goodOverTotal);
    if (goodOk && totalOk && g <= tot) reported = { good: g, total: tot };
  } else errors.push(t.valueOrCounts);

  if (errors.length || !reported) return { row, metric, at, reading, errors };
  // Without an id of its own, a point is named by its metric and time: the same row sent twice (a retry, the same
  // file again) is recorded once, and the first report of a time wins.
  const point: CsvPoint = { metric, at, ...reported, id: id || `csv-${new Date(atMs).toISOString()}` };
  return { row, metric, at, reading, point, errors };
}

/** The good rows in requests of at most POINTS_PER_REQUEST points. */
export function batches(rows: CsvRow[]): CsvRow[][] {
  const good = rows.filter((r) => r.point);
  const out: CsvRow[][] = [];
  for (let i = 0; i < good.length; i += POINTS_PER_REQUEST) out.push(good.slice(i, i + POINTS_PER_REQUEST));
  return out;
}

/** The example file the upload page offers. */
export function exampleCsv(now = Date.now()): string {
  const hour = 3_600_000;
  const at = (hoursAgo: number) => new Date(Math.floor(now / hour) * hour - hoursAgo * hour).toISOString();
  return [
    'metric,at,value,good,total',
    `csat,${at(3)},4.6,,`,
    `csat,${at(2)},4.4,,`,
    `tickets.answered_4h,${at(2)},,96,100`,
    `tickets.answered_4h,${at(1)},,88,90`,
    '',
  ].join('\r\n');
}
