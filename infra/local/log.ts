/**
 * One JSON line per log entry, so local output reads like CloudWatch and can be piped through `jq`.
 * `quiet` (tests) silences info lines only: errors stay visible because they are what a failing test needs.
 */
export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export function createLogger(component: string, quiet = false): Logger {
  const line = (level: string, msg: string, data?: Record<string, unknown>) =>
    JSON.stringify({ level, time: new Date().toISOString(), component, msg, ...data }) + '\n';
  return {
    info(msg, data) {
      if (!quiet) process.stdout.write(line('info', msg, data));
    },
    error(msg, data) {
      process.stderr.write(line('error', msg, data));
    },
  };
}

/** Errors become plain data for a log line (message and stack, never the whole object graph). */
export function errorData(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, name: error.name, stack: error.stack };
  return { error: String(error) };
}
