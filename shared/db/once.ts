import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit, type Change, type Write } from '#shared/db/commit';
import { OnceMarker } from '#shared/db/entities';

/** A marker outlives what it guards (a reminder's period, an escalation): after this a subject may fire again. */
export const ONCE_TTL_SECONDS = 400 * 24 * 3600;

/** The marker of `job` for `subject` was already there: the work was done before. Not an error of anyone's. */
export class AlreadyDone extends Error {
  constructor(job: string, subject: string) {
    super(`${job} already done for ${subject}`);
    this.name = 'AlreadyDone';
  }
}

/** The once-marker write: put only if absent, in the transaction of the work it guards. */
export function onceMarker(job: string, subject: string): Write {
  return OnceMarker.put(
    { job, subject, at: nowIso() },
    {
      ifAbsent: true,
      onConflict: () => new AlreadyDone(job, subject),
      extra: { ttl: Math.floor(nowMs() / 1000) + ONCE_TTL_SECONDS },
    },
  );
}

/**
 * Commits `change` with the marker of `job` for `subject`: true when it ran now, false when it had run before
 * (a re-run of a job, or two overlapping runs). Nothing else is swallowed.
 */
export async function commitOnce(
  ctx: OperationContext,
  job: string,
  subject: string,
  change: Change,
): Promise<boolean> {
  try {
    await commit(ctx, { ...change, writes: [onceMarker(job, subject), ...change.writes] });
    return true;
  } catch (error) {
    if (error instanceof AlreadyDone) return false;
    throw error;
  }
}
