/**
 * Waiting on a condition with a deadline: the local runtime and the tests never sleep "long enough",
 * they poll what they are waiting for and fail with a message saying what never happened.
 */
export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Says what was awaited, for the timeout error. */
  what: string;
  /** Errors that end the wait at once instead of being retried. */
  fatal?: (error: unknown) => boolean;
}

/** Calls `probe` until it returns something other than undefined; rethrows nothing, remembers the last error. */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      if (options.fatal?.(error)) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}${cause}`);
    }
    await delay(interval);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `promise`, or a rejection with `message()` once `deadline` (epoch ms) has passed. */
export async function beforeDeadline<T>(promise: Promise<T>, deadline: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message())), Math.max(0, deadline - Date.now()));
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
