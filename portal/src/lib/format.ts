/** Numbers and dates in the viewer's locale and time zone (Intl), never hand-formatted. */
const locale = navigator.language;

export const formatNumber = (value: number, options?: Intl.NumberFormatOptions): string =>
  new Intl.NumberFormat(locale, options).format(value);

export const formatDateTime = (iso: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export const formatTime = (epochMs: number): string =>
  new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(epochMs));
