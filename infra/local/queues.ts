import type { QueueFunction } from '#functions/manifest';
import { setWorkSink } from '#shared/queue/report';
import { setDispatcher, type Dispatcher } from '#shared/queue/send';
import type { Logger } from '#infra/local/log';
import { DeadLetters, type QueuedMessageDeadLetter } from '#infra/local/queue/dead-letters';
import { newMessage, serialise } from '#infra/local/queue/message';
import { WorkTracking, type TrackedWork } from '#infra/local/queue/tracking';
import { WorkQueue, type QueueStats } from '#infra/local/queue/work-queue';

/**
 * In-process SQS queues for the manifest's `queue` functions (the planner/worker scale plan, ARCHITECTURE §9).
 * It installs itself as shared/queue/send.ts's dispatcher, so a planner's sendWork() lands here: each message
 * becomes an SQS record and the queue's function receives them in batches of its `batchSize`, at most
 * `concurrency` invocations in flight per queue, as Lambda's SQS event source with ReportBatchItemFailures does.
 * Records the handler reports failed (or a whole batch whose invocation threw or timed out) come back after a
 * backoff, and are dead-lettered after `maxReceiveCount` receives (the redrive policy of the queue's DLQ in AWS).
 *
 * Work is tracked: idle() resolves when nothing is queued, waiting or running; track() runs a job and resolves
 * once every message the job queued (and every message its workers queued in turn) is processed or
 * dead-lettered, so `npm run job` and the tests see the job's whole effect, with the sum of what its workers
 * reported (shared/queue/report.ts; every attempt of a retried batch counts).
 *
 * This file is the registry: one WorkQueue per queue (queue/work-queue.ts: batching and dispatch), the retry
 * policy (queue/retry.ts), the tracking of outstanding work (queue/tracking.ts) and the dead letters.
 */

export { MAX_MESSAGE_BYTES } from '#infra/local/queue/message';
export type { QueuedMessageDeadLetter, QueueStats, TrackedWork };

export interface LocalQueues {
  dispatcher: Dispatcher;
  /** Routes sendWork() (and the workers' reportWork()) here; `uninstall` puts the defaults (SQS, the log) back. */
  install(): void;
  uninstall(): void;
  /**
   * Runs `run` and resolves with its result once the work it queued has settled (`label` names it in the log),
   * with what that work came to.
   */
  track<T>(label: string, run: () => Promise<T>): Promise<{ result: T; work: TrackedWork }>;
  /** Resolves once no message is waiting or being processed (including ones sent while waiting). */
  idle(): Promise<void>;
  /** Messages not yet settled, across queues. */
  pending(): number;
  stats(): QueueStats[];
  readonly deadLetters: readonly QueuedMessageDeadLetter[];
  /** Cancels retry timers and forgets waiting messages (after idle() has had its chance, on shutdown). */
  stop(): void;
}

export interface LocalQueuesOptions {
  workers: QueueFunction[];
  region: string;
  log: Logger;
  /** Invocations in flight per queue. */
  concurrency?: number;
  /** Receives before a message is dead-lettered: the maxReceiveCount of the queue's redrive policy in AWS. */
  maxReceiveCount?: number;
  /** First retry delay; doubles with each receive. SQS waits out the visibility timeout instead. */
  baseDelayMs?: number;
  /** Dead letters kept for GET /local/queues. */
  keep?: number;
}

export function createLocalQueues(options: LocalQueuesOptions): LocalQueues {
  const tracking = new WorkTracking();
  const deadLetters = new DeadLetters(options.keep ?? 200, options.log);
  const queues = registerQueues(options, tracking, deadLetters);

  const dispatcher: Dispatcher = async (queueName, messages) => {
    const queue = queues.get(queueName);
    if (!queue) {
      throw new Error(
        `no queue function consumes queue ${JSON.stringify(queueName)}; known queues: ${[...queues.keys()].join(', ') || '(none)'}`,
      );
    }
    const bodies = serialise(queueName, messages);
    const trackers = tracking.current();
    const now = Date.now();
    queue.enqueue(bodies.map((body) => newMessage(body, now, trackers, tracking.open(trackers))));
    options.log.info('queued', { queue: queueName, messages: bodies.length });
  };

  return {
    dispatcher,
    install: () => {
      setDispatcher(dispatcher);
      setWorkSink((counts) => tracking.report(counts));
    },
    uninstall: () => {
      setDispatcher(undefined);
      setWorkSink(undefined);
    },
    async track(label, run) {
      const started = performance.now();
      const tracked = await tracking.track(run);
      const { work } = tracked;
      if (work.messages > 0)
        options.log.info('queued work settled', { by: label, ...work, ms: Math.round(performance.now() - started) });
      return tracked;
    },
    idle: () => tracking.idle(),
    pending: () => tracking.pending(),
    stats: () => [...queues.values()].map((queue) => queue.stats()),
    deadLetters: deadLetters.list,
    stop() {
      for (const queue of queues.values()) {
        // Whatever is still waiting is dropped, as an in-memory queue loses it when the process ends; settling
        // it lets anyone awaiting idle() or a tracked job return.
        for (const message of queue.stop()) queue.deadLetter(message, 'the local runtime stopped');
      }
    },
  };
}

/** One WorkQueue per queue name; a queue with two consumers or a bad batchSize is a manifest error. */
function registerQueues(
  options: LocalQueuesOptions,
  tracking: WorkTracking,
  deadLetters: DeadLetters,
): Map<string, WorkQueue> {
  const retry = { maxReceiveCount: options.maxReceiveCount ?? 3, baseDelayMs: options.baseDelayMs ?? 100 };
  const queues = new Map<string, WorkQueue>();
  for (const fn of options.workers) {
    if (queues.has(fn.queue))
      throw new Error(`queue ${fn.queue} is consumed by both ${queues.get(fn.queue)?.fn.name} and ${fn.name}`);
    if (!Number.isInteger(fn.batchSize) || fn.batchSize < 1)
      throw new Error(`${fn.name}: batchSize must be a positive integer`);
    const queue = new WorkQueue(fn, {
      region: options.region,
      concurrency: options.concurrency ?? 4,
      retry,
      tracking,
      deadLetters,
      log: options.log,
    });
    queues.set(fn.queue, queue);
  }
  return queues;
}
