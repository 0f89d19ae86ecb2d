/**
 * Time is a dependency: use cases and jobs read "now" here, never from Date.now() directly.
 * In AWS this is the system clock. The local runtime may move it (POST /local/clock) so demos and tests
 * cross SLA windows, reminders and expiry dates without sleeping.
 */
let offsetMs = 0;
let frozenAt: number | undefined;

export function now(): Date {
  return new Date(nowMs());
}

export function nowMs(): number {
  return frozenAt ?? Date.now() + offsetMs;
}

export function nowIso(): string {
  return now().toISOString();
}

/** Local runtime and tests only. */
export const clockControl = {
  advanceBy(ms: number): void {
    if (frozenAt !== undefined) frozenAt += ms;
    else offsetMs += ms;
  },
  set(at: Date): void {
    offsetMs = at.getTime() - Date.now();
    frozenAt = undefined;
  },
  freeze(at: Date): void {
    frozenAt = at.getTime();
  },
  reset(): void {
    offsetMs = 0;
    frozenAt = undefined;
  },
};
