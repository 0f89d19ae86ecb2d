/**
 * What changed between two versions' terms, for people: computed from the two versions themselves (they carry the
 * clause texts, which the API's diff compares only by digest), with the same identities as the API's diff (an SLA
 * by kind and metric, a clause by title), each change labelled in words and each value written out, never as JSON.
 */
import { messages } from '../../../messages';
import { formatDate, formatNumber } from '../../../lib/format';
import type { TermsInput } from '../api/agreements';
import { splitDuration } from './terms-draft';

const t = messages.agreements;

export interface Change {
  path: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  from?: string;
  to?: string;
}

type Json = unknown;
type Sla = NonNullable<TermsInput['slas']>[number];

const identities: Record<string, (item: Record<string, unknown>) => string> = {
  slas: (sla) => `${String(sla.kind)}:${String(sla.metric)}`,
  clauses: (clause) => String(clause.title),
};

export function diffTerms(from: TermsInput, to: TermsInput): Change[] {
  const raw: { path: string[]; change: Change['change']; from?: Json; to?: Json }[] = [];
  walk(from, to, [], raw);
  return raw.map((c) => ({
    path: c.path.join('.'),
    label: labelOf(c.path),
    change: c.change,
    ...(c.from !== undefined ? { from: valueText(c.path, c.from) } : {}),
    ...(c.to !== undefined ? { to: valueText(c.path, c.to) } : {}),
  }));
}

function walk(
  a: Json,
  b: Json,
  path: string[],
  out: { path: string[]; change: Change['change']; from?: Json; to?: Json }[],
): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) return void out.push({ path, change: 'added', to: b });
  if (b === undefined) return void out.push({ path, change: 'removed', from: a });
  const field = path[path.length - 1] ?? '';
  // Lists of words (obligations, territory) read best whole: old list | new list.
  if (Array.isArray(a) && Array.isArray(b) && (a as unknown[]).concat(b).every((v) => typeof v === 'string')) {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, change: 'changed', from: a, to: b });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const identity = identities[field];
    if (identity && a.every(isObject) && b.every(isObject)) {
      const before = new Map(a.map((item) => [identity(item), item]));
      const after = new Map(b.map((item) => [identity(item), item]));
      for (const id of new Set([...before.keys(), ...after.keys()]))
        walk(before.get(id), after.get(id), [...path, `[${id}]`], out);
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, `[${i}]`], out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    // A change of revenue model replaces the whole share: one row, not a field per model.
    if (field === 'revenueShare' && a.model !== b.model)
      return void out.push({ path, change: 'changed', from: a, to: b });
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[key], b[key], [...path, key], out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, change: 'changed', from: a, to: b });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const index = (segment: string | undefined): string => (segment ?? '').replace(/^\[|\]$/g, '');

/** `slas.[threshold:csat].target` -> "SLA on csat (Threshold): target". */
export function labelOf(path: string[]): string {
  const l = t.diffLabels;
  const [head, second, third, fourth] = path;
  const leaf = (key: string | undefined, base: string) => (key ? `${base}: ${l.field[key] ?? key}` : base);
  switch (head) {
    case 'obligations':
      return second === 'vendor' ? t.terms.vendorObligations : t.terms.partnerObligations;
    case 'revenueShare':
      if (second === 'tiers')
        return third ? leaf(fourth, l.tier(Number(index(third)) + 1)) : `${l.revenueShare}: ${t.terms.noTiers}`;
      return leaf(second, l.revenueShare);
    case 'slas': {
      const [kind = '', metric = ''] = index(second).split(/:(.*)/s);
      const short = t.terms.slaKindShort[kind as Sla['kind']] ?? kind;
      return leaf(third, l.sla(metric, short));
    }
    case 'territory':
      return l.territory;
    case 'clauses':
      return leaf(third, l.clause(index(second)));
    case 'renewal':
      return second === 'renewalMonths' ? l.renewalMonths : l.renewal;
    case 'effectiveDate':
    case 'termMonths':
    case 'terminationNoticeDays':
      return l[head];
    default:
      return path.join('.');
  }
}

/** A value as a person reads it: numbers and dates through Intl, a window in days or hours, an SLA as a sentence. */
export function valueText(path: string[], value: Json): string {
  const head = path[0];
  const leaf = path[path.length - 1];
  if (value === null) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    if (leaf === 'window') return windowText(value);
    if (leaf === 'effectiveDate' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (leaf === 'mode') return t.terms.renewals[value as 'none'] ?? value;
    if (leaf === 'comparator') return t.terms.comparators[value as '>='] ?? value;
    if (leaf === 'aggregate') return t.terms.aggregates[value as 'avg'] ?? value;
    if (leaf === 'severity') return t.terms.severities[value as 'info'] ?? value;
    if (leaf === 'basis') return t.terms.bases[value as 'units'] ?? value;
    if (leaf === 'model') return t.terms.models[value as 'flat'] ?? value;
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return head === 'territory' ? t.terms.everywhere : t.terms.noObligations;
    return value.map((v) => (typeof v === 'string' ? v : valueText(path, v))).join('; ');
  }
  if (isObject(value)) {
    if (head === 'slas') return slaText(value as Sla);
    if (head === 'clauses') return `${String(value.title)}: ${String(value.text)}`;
    if (head === 'revenueShare' && path.length === 1)
      return shareText(value as NonNullable<TermsInput['revenueShare']>);
    if (head === 'revenueShare') return tierText(value as { from: number; to?: number; percentage: number });
    if (head === 'renewal') return renewalText(value as TermsInput['renewal']);
  }
  return typeof value === 'object' ? JSON.stringify(value) : typeof value === 'boolean' ? String(value) : '';
}

export function windowText(iso: string): string {
  const { amount, unit } = splitDuration(iso);
  const units = { D: 'day', H: 'hour', M: 'minute' } as const;
  return amount ? formatNumber(Number(amount), { style: 'unit', unit: units[unit], unitDisplay: 'long' }) : iso;
}

export function slaText(sla: Sla): string {
  const rule =
    sla.kind === 'threshold'
      ? `${t.terms.aggregates[sla.aggregate ?? 'avg']} ${t.terms.comparators[sla.comparator]} ${formatNumber(sla.target)}`
      : sla.kind === 'ratio'
        ? `${t.terms.comparators['>=']} ${formatNumber(sla.target)} %`
        : t.terms.slaKindShort.freshness;
  return `${t.terms.slaSentence(sla.metric, rule, windowText(sla.window))} (${t.terms.severities[sla.severity]})`;
}

export function tierText(tier: { from: number; to?: number | undefined; percentage: number }): string {
  const range = t.terms.tierRange(formatNumber(tier.from), tier.to === undefined ? undefined : formatNumber(tier.to));
  return `${range}: ${formatNumber(tier.percentage)} %`;
}

export function shareText(share: NonNullable<TermsInput['revenueShare']>): string {
  if (share.model === 'flat') return `${t.terms.models.flat}: ${formatNumber(share.percentage)} % (${share.currency})`;
  return `${t.terms.models.tiered} (${share.currency}, ${t.terms.bases[share.basis]}): ${share.tiers.map(tierText).join('; ')}`;
}

export function renewalText(renewal: TermsInput['renewal']): string {
  const mode = t.terms.renewals[renewal.mode];
  return renewal.renewalMonths ? `${mode}, ${inUnit(renewal.renewalMonths, 'month')}` : mode;
}

/** "1 day", "30 days", "24 months": Intl's plural forms. */
export function inUnit(n: number, unit: 'day' | 'month'): string {
  return formatNumber(n, { style: 'unit', unit, unitDisplay: 'long' });
}
