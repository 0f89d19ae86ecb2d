import { Cron } from 'croner';
import type { ScheduledFunction } from '#functions/manifest';
import { nowIso } from '#shared/clock';
import { invoke } from '#infra/local/handlers';
import { errorData, type Logger } from '#infra/local/log';
import type { TrackedWork } from '#infra/local/queues';

/**
 * The manifest's schedules on croner (EventBridge Scheduler in AWS), and `runJob` to fire one now
 * (POST /local/jobs/{job}, `npm run job`).
 */

export interface JobEvent {
  job: string;
  scheduledTime?: string;
}

export interface LocalScheduler {
  jobNames(): string[];
  /**
   * Invokes the job's handler now and resolves with its summary, once the work it queued is done: the planner's
   * summary with the sum of what its workers reported merged in.
   */
  runJob(job: string): Promise<unknown>;
  /** Starts the cron timers (tests and `npm run job` never do). */
  start(): void;
  stop(): void;
}

export class UnknownJobError extends Error {
  readonly status = 404;
  constructor(job: string, known: string[]) {
    super(`unknown job ${JSON.stringify(job)}; known jobs: ${known.join(', ') || '(none)'}`);
    this.name = 'UnknownJobError';
  }
}

export interface SchedulerOptions {
  jobs: ScheduledFunction[];
  region: string;
  log: Logger;
  /**
   * Wraps each run: the local queues resolve it only once the work the job queued has been processed, so a
   * run's summary is returned when its whole effect (the planner's and its workers') is in the table.
   */
  track?: <T>(label: string, run: () => Promise<T>) => Promise<{ result: T; work?: TrackedWork }>;
}

export function createScheduler(options: SchedulerOptions): LocalScheduler {
  const track: NonNullable<SchedulerOptions['track']> =
    options.track ?? (async (_label, run) => ({ result: await run() }));
  const byName = new Map(options.jobs.map((fn) => [fn.job, fn]));
  const timers: Cron[] = [];

  async function runJob(job: string): Promise<unknown> {
    const fn = byName.get(job);
    if (!fn) throw new UnknownJobError(job, [...byName.keys()]);
    // scheduledTime comes from the movable clock, so a job run after POST /local/clock sees the moved time.
    const event: JobEvent = { job, scheduledTime: nowIso() };
    const started = performance.now();
    const { result, work } = await track(`job ${job}`, () => invoke<unknown>(fn, event, options.region));
    const summary = withWork(result, work);
    options.log.info('job', { job, ms: Math.round(performance.now() - started), summary });
    return summary;
  }

  return {
    jobNames: () => [...byName.keys()],
    runJob,
    start() {
      for (const fn of options.jobs) {
        // UTC, like EventBridge Scheduler without a time zone; `protect` skips a tick while the last run is busy.
        const timer = new Cron(fn.localCron, { name: fn.job, timezone: 'Etc/UTC', protect: true }, async () => {
          try {
            await runJob(fn.job);
          } catch (error) {
            options.log.error('scheduled job failed', { job: fn.job, ...errorData(error) });
          }
        });
        timers.push(timer);
      }
    },
    stop() {
      for (const timer of timers.splice(0)) timer.stop();
    },
  };
}

/**
 * A planner's summary with its workers' counts merged in, so one object says what the job did: the forecast
 * planner's `{ series, batches }` and its workers' `{ fitted, reused, tooShort, ... }`. A worker count named like
 * a planner field is kept as `<name>ByWorkers`; messages that ended in the dead-letter list are counted too.
 */
export function withWork(summary: unknown, work: TrackedWork | undefined): unknown {
  if (!work || (Object.keys(work.counts).length === 0 && work.deadLettered === 0)) return summary;
  if (typeof summary !== 'object' || summary === null || Array.isArray(summary)) return summary;
  const merged: Record<string, unknown> = { ...summary };
  for (const [key, value] of Object.entries(work.counts)) merged[key in merged ? `${key}ByWorkers` : key] = value;
  if (work.deadLettered > 0) merged.messagesDeadLettered = work.deadLettered;
  return merged;
}
