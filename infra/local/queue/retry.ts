/**
 * What becomes of a record its worker failed (reported in batchItemFailures, or its whole batch threw or timed
 * out): it comes back after a backoff, or goes to the dead letters once it has been received `maxReceiveCount`
 * times, the redrive policy of the queue's DLQ in AWS. Locally the backoff is short and doubles with each
 * receive (100 ms, 200 ms by default); SQS waits out the visibility timeout instead.
 */

export interface RetryPolicy {
  maxReceiveCount: number;
  baseDelayMs: number;
}

export type AfterFailure = { action: 'retry'; visibleAt: number } | { action: 'dead-letter' };

/** `stopping`: the runtime is shutting down, so nothing would ever receive the record again. */
export function afterFailure(policy: RetryPolicy, receives: number, now: number, stopping: boolean): AfterFailure {
  if (receives >= policy.maxReceiveCount || stopping) return { action: 'dead-letter' };
  return { action: 'retry', visibleAt: now + policy.baseDelayMs * 2 ** (receives - 1) };
}
