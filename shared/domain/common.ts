import * as z from 'zod';

/** Ids are ULIDs: 26 Crockford base32 characters, time-ordered. */
export const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID (26 characters)');

export const Timestamp = z.iso.datetime({ offset: false });

/** Texts longer than this may span lines (descriptions, notes, clause texts); shorter ones (names, titles) are one line. */
export const SINGLE_LINE_MAX = 300;

// Control characters (C0 but tab and line breaks, DEL, C1) end up in e-mails, logs and calendar files.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlInLongText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// One line: no control character at all, nor the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlInLine = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// In u-mode a surrogate pair is one code point, so only an unpaired half matches.
const loneSurrogate = /\p{Cs}/u;

/**
 * Bounded free text: every string the API accepts has a maximum length, is well-formed Unicode (no unpaired
 * surrogate, which no e-mail or JSON consumer can encode) and holds no control characters. Texts of more than
 * `SINGLE_LINE_MAX` characters may hold tabs and line breaks; `multiline` decides explicitly.
 */
export const text = (max: number, options: { min?: number; multiline?: boolean } = {}) => {
  const multiline = options.multiline ?? max > SINGLE_LINE_MAX;
  return z
    .string()
    .trim()
    .min(options.min ?? 1)
    .max(max)
    .refine((value) => !loneSurrogate.test(value), 'must not contain unpaired surrogates (malformed Unicode)')
    .refine(
      (value) => !(multiline ? controlInLongText : controlInLine).test(value),
      multiline
        ? 'must not contain control characters (tabs and line breaks are fine)'
        : 'must be one line without control characters',
    );
};

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

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
