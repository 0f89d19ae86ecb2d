import { errorData, type Logger } from '#infra/local/log';

/** Logs a failing poll once, not every 200 ms while it keeps failing the same way. */

/** The same failure is logged again after this long. */
const REPEAT_MS = 10_000;

export class PollErrors {
  private last = { message: '', at: 0 };

  constructor(private readonly log: Logger) {}

  get lastMessage(): string {
    return this.last.message;
  }

  report(error: unknown): void {
    const message = errorData(error).error as string;
    if (message !== this.last.message || Date.now() - this.last.at > REPEAT_MS) {
      this.log.error('stream poll failed', errorData(error));
      this.last = { message, at: Date.now() };
    }
  }
}
