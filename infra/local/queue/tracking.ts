import { AsyncLocalStorage } from 'node:async_hooks';
import { addCounts, type WorkCounts } from '#shared/queue/report';

/**
 * Which messages are still outstanding, overall (for idle()) and per tracked run (a job). A run's trackers
 * travel with AsyncLocalStorage: every message sent inside the run carries them, and the worker that processes
 * the message runs under them in turn, so what it queues (and what it reports) counts for the same run.
 */

export type Outcome = 'processed' | 'dead-lettered';

/** What the messages a tracked run queued came to. */
export interface TrackedWork {
  messages: number;
  processed: number;
  deadLettered: number;
  /** The sum of the counts its workers reported (reportWork), across batches and attempts. */
  counts: WorkCounts;
}

/** Collects what one tracked run (a job) queued, transitively. */
export class WorkTracker {
  private readonly pending: Promise<Outcome>[] = [];
  readonly outcomes: Outcome[] = [];
  readonly counts: WorkCounts = {};

  add(done: Promise<Outcome>): void {
    this.pending.push(done);
  }

  async settled(): Promise<void> {
    while (this.pending.length > 0) this.outcomes.push(...(await Promise.all(this.pending.splice(0))));
  }

  summary(): TrackedWork {
    return {
      messages: this.outcomes.length,
      processed: this.outcomes.filter((o) => o === 'processed').length,
      deadLettered: this.outcomes.filter((o) => o === 'dead-lettered').length,
      counts: this.counts,
    };
  }
}

export class WorkTracking {
  private readonly storage = new AsyncLocalStorage<WorkTracker[]>();
  private unsettled = 0;
  private readonly idleWaiters: (() => void)[] = [];

  /** The trackers of the run calling now (none outside tracked runs). */
  current(): WorkTracker[] {
    return this.storage.getStore() ?? [];
  }

  runUnder<T>(trackers: WorkTracker[], run: () => T): T {
    return this.storage.run(trackers, run);
  }

  /** Counts one message as outstanding, for everyone and for `trackers`; the returned function settles it. */
  open(trackers: WorkTracker[]): (outcome: Outcome) => void {
    let settle!: (outcome: Outcome) => void;
    const done = new Promise<Outcome>((resolve) => {
      settle = resolve;
    });
    this.unsettled += 1;
    for (const tracker of trackers) tracker.add(done);
    return (outcome) => {
      settle(outcome);
      this.unsettled -= 1;
      if (this.unsettled === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
  }

  pending(): number {
    return this.unsettled;
  }

  idle(): Promise<void> {
    return this.unsettled === 0 ? Promise.resolve() : new Promise<void>((wake) => this.idleWaiters.push(wake));
  }

  /** A worker reports inside its invocation, which runs under the trackers of the runs that queued its batch. */
  report(counts: WorkCounts): void {
    for (const tracker of this.current()) addCounts(tracker.counts, counts);
  }

  /** Runs `run` as a tracked run (nested in the caller's, if any); resolves once its work has settled. */
  async track<T>(run: () => Promise<T>): Promise<{ result: T; work: TrackedWork }> {
    const tracker = new WorkTracker();
    let result: T;
    try {
      result = await this.runUnder([...this.current(), tracker], run);
    } finally {
      await tracker.settled();
    }
    return { result, work: tracker.summary() };
  }
}
