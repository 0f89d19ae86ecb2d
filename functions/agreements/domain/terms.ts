import * as z from 'zod';
import { CountryCode, text } from '#shared/domain/common';
import { SlaTerm } from '#functions/performance/index';

/**
 * Agreement terms: the typed document both sides negotiate. Each proposal stores one immutable copy.
 * Free-text clauses live in the document store (S3 in AWS), not in the table item; the item keeps a digest.
 */

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
const Percentage = z.number().min(0, 'must be at least 0 %').max(100, 'must be at most 100 %');
const Day = z.iso.date();

export const RevenueTier = z.strictObject({
  /** Inclusive lower bound of the tier (revenue in the currency, or units). */
  from: z.number().min(0),
  /** Exclusive upper bound; the last tier may be open-ended. */
  to: z.number().positive().optional(),
  percentage: Percentage,
});

export const RevenueShare = z.discriminatedUnion('model', [
  z.strictObject({ model: z.literal('flat'), currency: CurrencyCode, percentage: Percentage }),
  z
    .strictObject({
      model: z.literal('tiered'),
      currency: CurrencyCode,
      basis: z.enum(['revenue', 'units']),
      tiers: z.array(RevenueTier).min(1).max(20),
    })
    .superRefine((share, ctx) => {
      // Tiers must be ordered, each ending where the next begins: no overlaps, no gaps, only the last open.
      share.tiers.forEach((tier, i) => {
        if (tier.to !== undefined && tier.to <= tier.from) {
          ctx.addIssue({ code: 'custom', path: ['tiers', i, 'to'], message: 'must be above from' });
        }
        const next = share.tiers[i + 1];
        if (!next) return;
        if (tier.to === undefined) {
          ctx.addIssue({ code: 'custom', path: ['tiers', i, 'to'], message: 'only the last tier may be open-ended' });
        } else if (next.from < tier.to) {
          ctx.addIssue({
            code: 'custom',
            path: ['tiers', i + 1, 'from'],
            message: `overlaps the tier before (which ends at ${tier.to})`,
          });
        } else if (next.from > tier.to) {
          ctx.addIssue({ code: 'custom', path: ['tiers', i + 1, 'from'], message: `leaves a gap after ${tier.to}` });
        }
      });
    }),
]);
export type RevenueShare = z.infer<typeof RevenueShare>;

export const Clause = z.strictObject({ title: text(200), text: text(20_000) });

export const Terms = z
  .strictObject({
    obligations: z.strictObject({
      vendor: z.array(text(500)).max(50).default([]),
      partner: z.array(text(500)).max(50).default([]),
    }),
    revenueShare: RevenueShare.optional(),
    slas: z.array(SlaTerm).max(40).default([]),
    territory: z.array(CountryCode).max(250).optional(),
    effectiveDate: Day,
    termMonths: z.number().int().min(1).max(120),
    renewal: z.strictObject({
      mode: z.enum(['none', 'auto', 'manual']),
      renewalMonths: z.number().int().min(1).max(60).optional(),
    }),
    terminationNoticeDays: z.number().int().min(0).max(365),
    clauses: z.array(Clause).max(50).default([]),
  })
  .superRefine((terms, ctx) => {
    if (terms.renewal.mode === 'auto' && terms.renewal.renewalMonths === undefined) {
      ctx.addIssue({ code: 'custom', path: ['renewal', 'renewalMonths'], message: 'required when renewal is auto' });
    }
    const seen = new Set<string>();
    terms.slas.forEach((sla, i) => {
      const key = `${sla.kind}:${sla.metric}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['slas', i],
          message: `a ${sla.kind} SLA on ${sla.metric} is already listed`,
        });
      seen.add(key);
    });
    const titles = new Set<string>();
    terms.clauses.forEach((clause, i) => {
      if (titles.has(clause.title))
        ctx.addIssue({ code: 'custom', path: ['clauses', i, 'title'], message: 'clause titles must be unique' });
      titles.add(clause.title);
    });
  });
export type Terms = z.infer<typeof Terms>;

/** The end of the term: effective date plus the term length (UTC midnight). */
export function termEnd(terms: Pick<Terms, 'effectiveDate' | 'termMonths'>): string {
  return addMonths(terms.effectiveDate, terms.termMonths);
}

export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString();
}
