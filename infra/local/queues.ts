import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueFunction } from '#functions/manifest';
import { addCounts, setWorkSink, type WorkCounts } from '#shared/queue/report';
import { setDispatcher, type Dispatcher } from '#shared/queue/send';
import { invoke, LOCAL_ACCOUNT_ID } from '#infra/local/handlers';
import { errorData, type Logger } from '#infra/local/log';

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
 */

export interface QueuedMessageDeadLetter {
  queue: string;
  messageId: string;
  body: string;
  receives: number;
  error: string;
  at: string;
}

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

/** What the messages a tracked run queued came to. */
export interface TrackedWork {
  messages: number;
  processed: number;
  deadLettered: number;
  /** The sum of the counts its workers reported (reportWork), across batches and attempts. */
  counts: WorkCounts;
}

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

/** The SQS message size limit (1 MiB since August 2025): a bigger body fails locally as SendMessage would. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

type Outcome = 'processed' | 'dead-lettered';

/** Collects what one tracked run (a job) queued, transitively. */
class WorkTracker {
  private readonly pending: Promise<Outcome>[] = [];
  readonly outcomes: Outcome[] = [];
  readonly counts: WorkCounts = {};

  add(done: Promise<Outcome>): void {
    this.pending.push(done);
  }

  async settled(): Promise<void> {
    while (this.pending.length > 0) this.outcomes.push(...(await Promise.all(this.pending.splice(0))));
  }
}

interface Message {
  id: string;
  body: string;
  md5: string;
  sentAt: number;
  firstReceivedAt?: number;
  receives: number;
  /** Not handed out before this (epoch ms): the retry backoff. */
  visibleAt: number;
  /** The trackers of the run that sent it: the worker that processes it runs under them too. */
  trackers: WorkTracker[];
  settle(outcome: Outcome): void;
}

interface QueueState {
  fn: QueueFunction;
  arn: string;
  waiting: Message[];
  running: number;
  processed: number;
  retried: number;
  deadLettered: number;
  timer?: NodeJS.Timeout;
  timerAt?: number;
}

export function createLocalQueues(options: LocalQueuesOptions): LocalQueues {
  const concurrency = options.concurrency ?? 4;
  const maxReceiveCount = options.maxReceiveCount ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 100;
  const keep = options.keep ?? 200;
  const tracking = new AsyncLocalStorage<WorkTracker[]>();
  const deadLetters: QueuedMessageDeadLetter[] = [];
  const queues = new Map<string, QueueState>();
  for (const fn of options.workers) {
    if (queues.has(fn.queue))
      throw new Error(`queue ${fn.queue} is consumed by both ${queues.get(fn.queue)?.fn.name} and ${fn.name}`);
    if (!Number.isInteger(fn.batchSize) || fn.batchSize < 1)
      throw new Error(`${fn.name}: batchSize must be a positive integer`);
    const arn = `arn:aws:sqs:${options.region}:${LOCAL_ACCOUNT_ID}:accord-local-${fn.queue}`;
    queues.set(fn.queue, { fn, arn, waiting: [], running: 0, processed: 0, retried: 0, deadLettered: 0 });
  }
  let unsettled = 0;
  const idleWaiters: (() => void)[] = [];
  let stopped = false;

  const settled = () => {
    unsettled -= 1;
    if (unsettled === 0) for (const wake of idleWaiters.splice(0)) wake();
  };

  const dispatcher: Dispatcher = async (queueName, messages) => {
    const queue = queues.get(queueName);
    if (!queue) {
      throw new Error(
        `no queue function consumes queue ${JSON.stringify(queueName)}; known queues: ${[...queues.keys()].join(', ') || '(none)'}`,
      );
    }
    // Serialise everything first: like SendMessageBatch, a bad message fails the call before anything is queued.
    const bodies = messages.map((message, i) => {
      const body = JSON.stringify(message) as string | undefined;
      if (body === undefined) throw new Error(`message ${i} to ${queueName} is not JSON-serialisable`);
      if (Buffer.byteLength(body) > MAX_MESSAGE_BYTES)
        throw new Error(`message ${i} to ${queueName} exceeds ${MAX_MESSAGE_BYTES} bytes`);
      return body;
    });
    const trackers = tracking.getStore() ?? [];
    const now = Date.now();
    for (const body of bodies) {
      let settle!: (outcome: Outcome) => void;
      const done = new Promise<Outcome>((resolve) => {
        settle = resolve;
      });
      unsettled += 1;
      queue.waiting.push({
        id: randomUUID(),
        body,
        md5: createHash('md5').update(body).digest('hex'),
        sentAt: now,
        receives: 0,
        visibleAt: now,
        trackers,
        settle: (outcome) => {
          settle(outcome);
          settled();
        },
      });
      for (const tracker of trackers) tracker.add(done);
    }
    options.log.info('queued', { queue: queueName, messages: bodies.length });
    // On the next turn, not now: consecutive sends of one planner page fill batches instead of trickling.
    schedulePump(queue, 0);
  };

  function schedulePump(queue: QueueState, inMs: number): void {
    if (stopped) return;
    const at = Date.now() + inMs;
    if (queue.timer && queue.timerAt !== undefined && queue.timerAt <= at) return;
    clearTimeout(queue.timer);
    queue.timerAt = at;
    queue.timer = setTimeout(() => {
      queue.timer = undefined;
      queue.timerAt = undefined;
      pump(queue);
    }, inMs);
  }

  /** Starts invocations while there is capacity and visible work; wakes up again for the next retry. */
  function pump(queue: QueueState): void {
    while (!stopped && queue.running < concurrency) {
      const now = Date.now();
      const batch: Message[] = [];
      for (const message of queue.waiting) {
        if (message.visibleAt <= now) batch.push(message);
        if (batch.length === queue.fn.batchSize) break;
      }
      if (batch.length === 0) break;
      queue.waiting = queue.waiting.filter((message) => !batch.includes(message));
      void runBatch(queue, batch);
    }
    const nextVisible = Math.min(...queue.waiting.map((message) => message.visibleAt));
    if (Number.isFinite(nextVisible) && queue.running < concurrency)
      schedulePump(queue, Math.max(0, nextVisible - Date.now()));
  }

  async function runBatch(queue: QueueState, batch: Message[]): Promise<void> {
    queue.running += 1;
    const receivedAt = Date.now();
    const records = batch.map((message) => {
      message.receives += 1;
      message.firstReceivedAt ??= receivedAt;
      return toRecord(queue, message);
    });
    let failed: Set<string>;
    let error = 'reported as failed in batchItemFailures';
    try {
      // The worker runs under the trackers of the runs that queued its messages: what it queues counts for them.
      const trackers = [...new Set(batch.flatMap((message) => message.trackers))];
      const event: SQSEvent = { Records: records };
      const response = await tracking.run(trackers, () =>
        invoke<SQSBatchResponse | void>(queue.fn, event, options.region),
      );
      failed = failedIds(response, batch);
    } catch (thrown) {
      failed = new Set(batch.map((message) => message.id));
      error = errorData(thrown).error as string;
      options.log.error('queue worker failed', {
        queue: queue.fn.queue,
        function: queue.fn.name,
        messages: batch.length,
        ...errorData(thrown),
      });
    } finally {
      queue.running -= 1;
    }
    for (const message of batch) {
      if (!failed.has(message.id)) {
        queue.processed += 1;
        message.settle('processed');
      } else if (message.receives >= maxReceiveCount || stopped) {
        deadLetter(queue, message, error);
      } else {
        queue.retried += 1;
        message.visibleAt = Date.now() + baseDelayMs * 2 ** (message.receives - 1);
        queue.waiting.push(message);
      }
    }
    pump(queue);
  }

  function deadLetter(queue: QueueState, message: Message, error: string): void {
    queue.deadLettered += 1;
    deadLetters.push({
      queue: queue.fn.queue,
      messageId: message.id,
      body: message.body,
      receives: message.receives,
      error,
      at: new Date().toISOString(),
    });
    if (deadLetters.length > keep) deadLetters.shift();
    options.log.error('message dead-lettered', {
      queue: queue.fn.queue,
      function: queue.fn.name,
      messageId: message.id,
      receives: message.receives,
      error,
    });
    message.settle('dead-lettered');
  }

  /**
   * Lambda's rules for a partial batch response: an empty list (or no response) means all succeeded; an
   * identifier that is empty or not in the batch fails the whole batch.
   */
  function failedIds(response: SQSBatchResponse | void, batch: Message[]): Set<string> {
    const reported = (response && Array.isArray(response.batchItemFailures) ? response.batchItemFailures : []).map(
      (f) => f?.itemIdentifier,
    );
    const ids = new Set(batch.map((message) => message.id));
    if (reported.some((id) => typeof id !== 'string' || !ids.has(id))) {
      options.log.error('invalid batchItemFailures: the whole batch counts as failed', { reported });
      return ids;
    }
    return new Set(reported);
  }

  function toRecord(queue: QueueState, message: Message): SQSRecord {
    return {
      messageId: message.id,
      receiptHandle: randomBytes(48).toString('base64'),
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receives),
        SentTimestamp: String(message.sentAt),
        SenderId: `AROA${LOCAL_ACCOUNT_ID}:local`,
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
      messageAttributes: {},
      md5OfBody: message.md5,
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: options.region,
    };
  }

  return {
    dispatcher,
    install: () => {
      setDispatcher(dispatcher);
      // A worker reports inside its invocation, which runs under the trackers of the runs that queued its batch.
      setWorkSink((counts) => {
        for (const tracker of tracking.getStore() ?? []) addCounts(tracker.counts, counts);
      });
    },
    uninstall: () => {
      setDispatcher(undefined);
      setWorkSink(undefined);
    },
    async track(label, run) {
      const tracker = new WorkTracker();
      const started = performance.now();
      let result: Awaited<ReturnType<typeof run>>;
      try {
        result = await tracking.run([...(tracking.getStore() ?? []), tracker], run);
      } finally {
        await tracker.settled();
      }
      const { outcomes, counts } = tracker;
      const work: TrackedWork = {
        messages: outcomes.length,
        processed: outcomes.filter((o) => o === 'processed').length,
        deadLettered: outcomes.filter((o) => o === 'dead-lettered').length,
        counts,
      };
      if (work.messages > 0)
        options.log.info('queued work settled', { by: label, ...work, ms: Math.round(performance.now() - started) });
      return { result, work };
    },
    idle: () => (unsettled === 0 ? Promise.resolve() : new Promise<void>((wake) => idleWaiters.push(wake))),
    pending: () => unsettled,
    stats: () =>
      [...queues.values()].map((queue) => ({
        queue: queue.fn.queue,
        function: queue.fn.name,
        waiting: queue.waiting.length,
        running: queue.running,
        processed: queue.processed,
        retried: queue.retried,
        deadLettered: queue.deadLettered,
      })),
    deadLetters,
    stop() {
      stopped = true;
      for (const queue of queues.values()) {
        clearTimeout(queue.timer);
        // Whatever is still waiting is dropped, as an in-memory queue loses it when the process ends; settling
        // it lets anyone awaiting idle() or a tracked job return.
        for (const message of queue.waiting.splice(0)) deadLetter(queue, message, 'the local runtime stopped');
      }
    },
  };
}
