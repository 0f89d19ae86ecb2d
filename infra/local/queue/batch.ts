import type { SQSBatchResponse } from 'aws-lambda';

/**
 * How waiting messages become a worker's batch, and how its answer is read, as Lambda's SQS event source with
 * ReportBatchItemFailures does. Pure: the queue that holds the messages decides when to call these.
 */

export interface Waiting {
  /** Not handed out before this (epoch ms): the retry backoff. */
  visibleAt: number;
}

/** Up to `size` messages visible at `now`, in queue order, and the ones left waiting (in order too). */
export function takeBatch<M extends Waiting>(
  waiting: readonly M[],
  size: number,
  now: number,
): { batch: M[]; rest: M[] } {
  const batch: M[] = [];
  for (const message of waiting) {
    if (message.visibleAt <= now) batch.push(message);
    if (batch.length === size) break;
  }
  return { batch, rest: waiting.filter((message) => !batch.includes(message)) };
}

/** When the earliest waiting message becomes visible; undefined when nothing waits. */
export function nextVisibleAt(waiting: readonly Waiting[]): number | undefined {
  const next = Math.min(...waiting.map((message) => message.visibleAt));
  return Number.isFinite(next) ? next : undefined;
}

export interface BatchFailures {
  failed: Set<string>;
  /** The identifiers as reported, when they were not usable (so the whole batch failed). */
  invalid?: unknown[];
}

/**
 * Lambda's rules for a partial batch response: an empty list (or no response) means all succeeded; an
 * identifier that is empty or not in the batch fails the whole batch.
 */
export function batchFailures(response: SQSBatchResponse | void, batchIds: readonly string[]): BatchFailures {
  const reported = (response && Array.isArray(response.batchItemFailures) ? response.batchItemFailures : []).map(
    (f) => f?.itemIdentifier as unknown,
  );
  const ids = new Set(batchIds);
  if (reported.some((id) => typeof id !== 'string' || !ids.has(id))) return { failed: ids, invalid: reported };
  return { failed: new Set(reported as string[]) };
}
