import * as z from 'zod';

/** Ids are ULIDs: 26 Crockford base32 characters, time-ordered. */
export const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID (26 characters)');

export const Timestamp = z.iso.datetime({ offset: false });

/** Bounded text: every string the API accepts has a maximum length. */
export const text = (max: number, min = 1) => z.string().trim().min(min).max(max);

export const Email = z.email().max(254).transform((e) => e.toLowerCase());

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE');

/**
 * Every name of the IANA time zone database the runtime can compute with: current names, links (aliases such as
 * `US/Pacific`) and `Etc/*`. Not `Intl.supportedValuesOf('timeZone')`: on Node 20 that lists ICU's canonical ids,
 * which are the old names (`Asia/Calcutta`, `Europe/Kiev`) and lack the current ones (`Asia/Kolkata`, `Europe/Kyiv`).
 * The name is kept as given; every computation (Intl) resolves it the same way. UTC offsets (`+05:30`) are not
 * zone names and are refused by the shape check.
 */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin');

/** `?limit=&cursor=` of every list. */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
};

/** The base fields every stored entity carries. */
export const EntityMeta = {
  version: z.number().int().positive(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: z.string(),
};

/** `{ items, nextCursor }` response of every list. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });

/** The fields of a PATCH body that were actually sent. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
