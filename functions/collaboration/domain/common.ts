import * as z from 'zod';
import { text } from '#shared/domain/common';

/** The two sides of a partnership. */
export const sides = ['vendor', 'partner'] as const;
export const Side = z.enum(sides);
export type Side = z.infer<typeof Side>;

/** A person at a meeting or on a thread: name, optional address, which side they are on. */
export const Person = z.strictObject({
  name: text(120),
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase())
    .optional(),
  side: Side,
});

/** A roadmap quarter: `2026-Q4`. */
export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter such as 2026-Q4');

/** The quarter a calendar date (YYYY-MM-DD or an ISO instant) falls in. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Every quarter from `from` to `to`, both included (at most 5 years of them). */
export function quartersBetween(from: string, to: string): string[] {
  const index = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1;
  const out: string[] = [];
  for (let i = index(from); i <= index(to) && out.length < 20; i++) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return out;
}
