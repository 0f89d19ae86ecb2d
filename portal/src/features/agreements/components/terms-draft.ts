/**
 * The terms as a form holds them: text for every number (what the person typed, so nothing is lost while it is
 * not yet a number), windows as an amount and a unit instead of ISO-8601. `toTerms` builds the API's body; the API
 * validates it and names each bad field, which the form shows at that field.
 */
import type { TermsInput } from '../api/agreements';

type Sla = NonNullable<TermsInput['slas']>[number];
export type SlaKind = Sla['kind'];
export type WindowUnit = 'D' | 'H' | 'M';

export interface SlaDraft {
  kind: SlaKind;
  metric: string;
  aggregate: 'avg' | 'sum' | 'min' | 'max';
  comparator: '>=' | '>' | '<=' | '<';
  target: string;
  windowAmount: string;
  windowUnit: WindowUnit;
  severity: 'critical' | 'warning' | 'info';
}

export interface TermsDraft {
  vendorObligations: string[];
  partnerObligations: string[];
  revenueModel: 'none' | 'flat' | 'tiered';
  currency: string;
  flatPercentage: string;
  basis: 'revenue' | 'units';
  tiers: { from: string; to: string; percentage: string }[];
  slas: SlaDraft[];
  territory: string;
  effectiveDate: string;
  termMonths: string;
  renewalMode: 'none' | 'auto' | 'manual';
  renewalMonths: string;
  noticeDays: string;
  clauses: { title: string; text: string }[];
}

const text = (n: number | undefined): string => (n === undefined ? '' : String(n));
/** Empty stays undefined (the API names the missing field); anything else is a number or NaN (sent as null). */
const num = (value: string): number => (value.trim() === '' ? (undefined as unknown as number) : Number(value));

export function emptySla(): SlaDraft {
  return {
    kind: 'threshold',
    metric: '',
    aggregate: 'avg',
    comparator: '>=',
    target: '',
    windowAmount: '30',
    windowUnit: 'D',
    severity: 'warning',
  };
}

export function emptyTerms(today: string): TermsDraft {
  return {
    vendorObligations: [],
    partnerObligations: [],
    revenueModel: 'none',
    currency: 'EUR',
    flatPercentage: '',
    basis: 'revenue',
    tiers: [{ from: '0', to: '', percentage: '' }],
    slas: [],
    territory: '',
    effectiveDate: today,
    termMonths: '12',
    renewalMode: 'manual',
    renewalMonths: '',
    noticeDays: '30',
    clauses: [],
  };
}

/** `P30D` -> 30 days, `PT4H` -> 4 hours, `P1DT12H` -> 36 hours: the largest unit that divides it. */
export function splitDuration(iso: string): { amount: string; unit: WindowUnit } {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!match) return { amount: '', unit: 'D' };
  const minutes = (Number(match[1] ?? 0) * 24 + Number(match[2] ?? 0)) * 60 + Number(match[3] ?? 0);
  if (minutes % 1440 === 0) return { amount: String(minutes / 1440), unit: 'D' };
  if (minutes % 60 === 0) return { amount: String(minutes / 60), unit: 'H' };
  return { amount: String(minutes), unit: 'M' };
}

export function joinDuration(amount: string, unit: WindowUnit): string {
  const n = amount.trim();
  return unit === 'D' ? `P${n}D` : `PT${n}${unit}`;
}

export function toDraft(terms: TermsInput): TermsDraft {
  const share = terms.revenueShare;
  return {
    vendorObligations: terms.obligations.vendor ?? [],
    partnerObligations: terms.obligations.partner ?? [],
    revenueModel: share?.model ?? 'none',
    currency: share?.currency ?? 'EUR',
    flatPercentage: share?.model === 'flat' ? text(share.percentage) : '',
    basis: share?.model === 'tiered' ? share.basis : 'revenue',
    tiers:
      share?.model === 'tiered'
        ? share.tiers.map((t) => ({ from: text(t.from), to: text(t.to), percentage: text(t.percentage) }))
        : [{ from: '0', to: '', percentage: '' }],
    slas: (terms.slas ?? []).map((sla) => {
      const window = splitDuration(sla.window);
      return {
        ...emptySla(),
        kind: sla.kind,
        metric: sla.metric,
        ...(sla.kind === 'threshold'
          ? { aggregate: sla.aggregate ?? 'avg', comparator: sla.comparator, target: text(sla.target) }
          : {}),
        ...(sla.kind === 'ratio' ? { target: text(sla.target) } : {}),
        windowAmount: window.amount,
        windowUnit: window.unit,
        severity: sla.severity,
      };
    }),
    territory: (terms.territory ?? []).join(', '),
    effectiveDate: terms.effectiveDate,
    termMonths: text(terms.termMonths),
    renewalMode: terms.renewal.mode,
    renewalMonths: text(terms.renewal.renewalMonths),
    noticeDays: text(terms.terminationNoticeDays),
    clauses: terms.clauses ?? [],
  };
}

function toSla(d: SlaDraft): Sla {
  const common = { metric: d.metric.trim(), window: joinDuration(d.windowAmount, d.windowUnit), severity: d.severity };
  if (d.kind === 'threshold')
    return { kind: 'threshold', ...common, aggregate: d.aggregate, comparator: d.comparator, target: num(d.target) };
  if (d.kind === 'ratio') return { kind: 'ratio', ...common, comparator: '>=', target: num(d.target) };
  return { kind: 'freshness', ...common };
}

export function toTerms(d: TermsDraft): TermsInput {
  const territory = d.territory
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  const revenueShare: TermsInput['revenueShare'] =
    d.revenueModel === 'flat'
      ? { model: 'flat', currency: d.currency.trim(), percentage: num(d.flatPercentage) }
      : d.revenueModel === 'tiered'
        ? {
            model: 'tiered',
            currency: d.currency.trim(),
            basis: d.basis,
            tiers: d.tiers.map((t) => ({
              from: num(t.from),
              ...(t.to.trim() ? { to: num(t.to) } : {}),
              percentage: num(t.percentage),
            })),
          }
        : undefined;
  return {
    obligations: {
      vendor: d.vendorObligations.map((o) => o.trim()),
      partner: d.partnerObligations.map((o) => o.trim()),
    },
    ...(revenueShare ? { revenueShare } : {}),
    slas: d.slas.map(toSla),
    ...(territory.length ? { territory } : {}),
    effectiveDate: d.effectiveDate,
    termMonths: num(d.termMonths),
    renewal: { mode: d.renewalMode, ...(d.renewalMonths.trim() ? { renewalMonths: num(d.renewalMonths) } : {}) },
    terminationNoticeDays: num(d.noticeDays),
    clauses: d.clauses,
  };
}
