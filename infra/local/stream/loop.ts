import type { PassResult } from '#infra/local/stream/pass';

/**
 * Runs passes one after another until stopped, the poll interval apart, and lets a drain ask for the result
 * of the next pass (which then comes sooner: a waiting drain wakes the loop and shortens its pauses).
 */

export type Pass = (forceRefresh: boolean) => Promise<PassResult>;

/** Between passes: the poll interval, unless someone is draining and there is more to read. */
export function pauseAfterPass(draining: boolean, handed: number, intervalMs: number): number {
  if (!draining) return intervalMs;
  return handed > 0 ? 0 : 25;
}

interface Waiter {
  afterPass: number;
  resolve: (result: PassResult) => void;
}

export class PassLoop {
  private running = false;
  private loop?: Promise<void>;
  private passCount = 0;
  private wake?: () => void;
  private readonly waiters: Waiter[] = [];

  constructor(
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(pass: Pass): void {
    this.running = true;
    this.loop = this.run(pass);
  }

  /** Ends the loop after the pass under way; whoever waits for a pass gets an empty, not caught-up one. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    for (const w of this.waiters.splice(0)) w.resolve({ caughtUp: false, handed: 0 });
  }

  /** The result of the next pass that starts after this call. */
  nextPass(): Promise<PassResult> {
    if (!this.running) return Promise.reject(new Error('the stream poller is not running'));
    return new Promise((resolve) => {
      this.waiters.push({ afterPass: this.passCount, resolve });
      this.wake?.();
    });
  }

  private async run(pass: Pass): Promise<void> {
    while (this.running) {
      const id = ++this.passCount;
      let result: PassResult = { caughtUp: false, handed: 0 };
      try {
        result = await pass(this.waiters.length > 0);
      } catch (error) {
        if (this.running) this.onError(error);
      }
      for (const w of this.waiters.filter((w) => w.afterPass < id)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(result);
      }
      if (!this.running) break;
      await this.pause(pauseAfterPass(this.waiters.length > 0, result.handed, this.intervalMs));
    }
  }

  /** A pause that nextPass() and stop() can cut short. */
  private async pause(ms: number): Promise<void> {
    await new Promise<void>((done) => {
      const timer = setTimeout(done, ms);
      this.wake = () => {
        clearTimeout(timer);
        done();
      };
    });
    this.wake = undefined;
  }
}
