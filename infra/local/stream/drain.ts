import type { PassResult } from '#infra/local/stream/pass';
import { beforeDeadline } from '#infra/local/wait';

/**
 * Waits until everything written so far has gone through the relay and its consumers, and what those consumers
 * wrote in turn: rounds of "read everything up to now, let the consumers finish", until a round found nothing
 * new and nothing was still running downstream (that includes consumers started by a background pass before the
 * drain began).
 */

export interface DrainParts {
  nextPass: () => Promise<PassResult>;
  /** Resolves once downstream is idle; `true` when it had work in flight, which may have written outbox items. */
  downstreamIdle: () => Promise<boolean | void>;
  /** The last poll error, to say in the timeout message why the stream did not catch up. */
  lastPollError: () => string;
}

export async function drainStream(parts: DrainParts, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const within = <T>(promise: Promise<T>) =>
    beforeDeadline(promise, deadline, () => {
      const lastError = parts.lastPollError();
      return (
        `drain timed out after ${timeoutMs} ms: the stream is not caught up or a relay retry is pending` +
        (lastError ? ` (last poll error: ${lastError})` : '')
      );
    });
  for (;;) {
    let result: PassResult;
    let downstreamWorked = false;
    do {
      result = await within(parts.nextPass());
      if ((await within(parts.downstreamIdle())) === true) downstreamWorked = true;
    } while (!result.caughtUp);
    if (result.handed === 0 && !downstreamWorked) return;
  }
}
