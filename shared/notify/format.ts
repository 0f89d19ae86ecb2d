/** How numbers, durations and times read in notification text. */

/** At most two decimals, no trailing zeros: 91.5, 95, 0.33. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** `PT1H` -> `1h`, `P3D` -> `3d`, `P1DT12H` -> `1d 12h`; anything else as written. */
export function formatDuration(iso: string): string {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return iso;
  const parts = [
    [m[1], 'w'],
    [m[2], 'd'],
    [m[3], 'h'],
    [m[4], 'm'],
    [m[5], 's'],
  ].filter(([n]) => n !== undefined && Number(n) !== 0);
  return parts.length === 0 ? iso : parts.map(([n, unit]) => `${Number(n)}${unit}`).join(' ');
}

/** `2026-12-01T10:05:00.000Z` -> `2026-12-01 10:05 UTC`. */
export function formatTime(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}
