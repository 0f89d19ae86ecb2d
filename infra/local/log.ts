/**
 * One JSON line per log entry, in the shape the handlers' Powertools logger writes (`level`, `message`,
 * `timestamp`, `service`, and `function_name` when a line is about a function), so local output reads like
 * CloudWatch, one `jq` filter reads both, and a runtime line and a handler line about one function match.
 * `quiet` (tests) silences info lines only: errors stay visible because they are what a failing test needs.
 */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** The service the handlers' lines carry (shared/log.ts). */
const SERVICE = process.env.POWERTOOLS_SERVICE_NAME ?? 'accord';

export function createLogger(component: string, quiet = false): Logger {
  return {
    info(message, data) {
      if (!quiet) process.stdout.write(logLine('INFO', component, message, data));
    },
    error(message, data) {
      process.stderr.write(logLine('ERROR', component, message, data));
    },
  };
}

export function logLine(
  level: 'INFO' | 'ERROR',
  component: string,
  message: string,
  data: Record<string, unknown> = {},
): string {
  // Callers name a function `function`; Powertools calls it `function_name`: one key for both.
  const { function: fn, ...rest } = data;
  const entry = {
    level,
    message,
    timestamp: new Date().toISOString(),
    service: SERVICE,
    component,
    ...(fn === undefined ? {} : { function_name: fn }),
    ...rest,
  };
  return JSON.stringify(entry) + '\n';
}

/** Errors become plain data for a log line (message and stack, never the whole object graph). */
export function errorData(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, name: error.name, stack: error.stack };
  return { error: String(error) };
}
