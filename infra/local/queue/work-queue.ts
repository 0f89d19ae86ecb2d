import type { SQSBatchResponse } from 'aws-lambda';
import type { QueueFunction } from '#functions/manifest';
import { invoke, LOCAL_ACCOUNT_ID } from '#infra/local/handlers';
import { errorData, type Logger } from '#infra/local/log';
import { batchFailures, nextVisibleAt, takeBatch } from '#infra/local/queue/batch';
import type { DeadLetters } from '#infra/local/queue/dead-letters';
import { receive, type Message } from '#infra/local/queue/message';
import { afterFailure, type RetryPolicy } from '#infra/local/queue/retry';
import type { WorkTracking } from '#infra/local/queue/tracking';

/**
 * One queue and its function: hands waiting messages to the function in batches of its `batchSize`, at most
 * `concurrency` invocations in flight, and puts what failed back (after a backoff) or into the dead letters.
 */

export interface QueueStats {
  queue: string;
  function: string;
  /** Messages waiting for a worker, including those waiting out a retry backoff. */
  waiting: number;
  /** Worker invocations running now. */
  running: number;
  processed: number;
  retried: number;
  deadLettered: number;
}

export interface WorkQueueOptions {
  region: string;
  concurrency: number;
  retry: RetryPolicy;
  tracking: WorkTracking;
  deadLetters: DeadLetters;
  log: Logger;
}

interface Attempt {
  failed: Set<string>;
  error: string;
}

export class WorkQueue {
  readonly arn: string;
  private waiting: Message[] = [];
  private running = 0;
  private processed = 0;
  private retried = 0;
  private deadLettered = 0;
  private timer?: NodeJS.Timeout;
  private timerAt?: number;
  private stopped = false;

  constructor(
    readonly fn: QueueFunction,
    private readonly options: WorkQueueOptions,
  ) {
    this.arn = `arn:aws:sqs:${options.region}:${LOCAL_ACCOUNT_ID}:accord-local-${fn.queue}`;
  }

  enqueue(messages: Message[]): void {
    this.waiting.push(...messages);
    // On the next turn, not now: consecutive sends of one planner page fill batches instead of trickling.
    this.schedule(0);
  }

  /** Cancels the retry timer and hands back what was waiting; later failures are dead-lettered, not retried. */
  stop(): Message[] {
    this.stopped = true;
    clearTimeout(this.timer);
    return this.waiting.splice(0);
  }

  deadLetter(message: Message, error: string): void {
    this.deadLettered += 1;
    this.options.deadLetters.add(this.fn, message, error);
  }

  stats(): QueueStats {
    return {
      queue: this.fn.queue,
      function: this.fn.name,
      waiting: this.waiting.length,
      running: this.running,
      processed: this.processed,
      retried: this.retried,
      deadLettered: this.deadLettered,
    };
  }

  /** One timer per queue, kept at the earliest time anyone asked for. */
  private schedule(inMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + inMs;
    if (this.timer && this.timerAt !== undefined && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = undefined;
      this.pump();
    }, inMs);
  }

  /** Starts invocations while there is capacity and visible work; wakes up again for the next retry. */
  private pump(): void {
    while (!this.stopped && this.running < this.options.concurrency) {
      const { batch, rest } = takeBatch(this.waiting, this.fn.batchSize, Date.now());
      if (batch.length === 0) break;
      this.waiting = rest;
      void this.process(batch);
    }
    const next = nextVisibleAt(this.waiting);
    if (next !== undefined && this.running < this.options.concurrency) this.schedule(Math.max(0, next - Date.now()));
  }

  private async process(batch: Message[]): Promise<void> {
    // Counted before the first await: pump() reads it to keep within `concurrency`.
    this.running += 1;
    let attempt: Attempt;
    try {
      attempt = await this.invokeWorker(batch);
    } finally {
      this.running -= 1;
    }
    this.settle(batch, attempt);
    this.pump();
  }

  private async invokeWorker(batch: Message[]): Promise<Attempt> {
    const { region, log } = this.options;
    const fn = this.fn;
    const receivedAt = Date.now();
    const records = batch.map((message) => receive(message, receivedAt, this.arn, region));
    const ids = batch.map((message) => message.id);
    try {
      // The worker runs under the trackers of the runs that queued its messages: what it queues counts for them.
      const trackers = [...new Set(batch.flatMap((message) => message.trackers))];
      const response = await this.options.tracking.runUnder(trackers, () =>
        invoke<SQSBatchResponse | void>(fn, { Records: records }, region),
      );
      const { failed, invalid } = batchFailures(response, ids);
      if (invalid) log.error('invalid batchItemFailures: the whole batch counts as failed', { reported: invalid });
      return { failed, error: 'reported as failed in batchItemFailures' };
    } catch (thrown) {
      log.error('queue worker failed', {
        queue: fn.queue,
        function: fn.name,
        messages: batch.length,
        ...errorData(thrown),
      });
      return { failed: new Set(ids), error: errorData(thrown).error as string };
    }
  }

  private settle(batch: Message[], { failed, error }: Attempt): void {
    for (const message of batch) {
      if (!failed.has(message.id)) {
        this.processed += 1;
        message.settle('processed');
        continue;
      }
      const next = afterFailure(this.options.retry, message.receives, Date.now(), this.stopped);
      if (next.action === 'dead-letter') {
        this.deadLetter(message, error);
      } else {
        this.retried += 1;
        message.visibleAt = next.visibleAt;
        this.waiting.push(message);
      }
    }
  }
}
