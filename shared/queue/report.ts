import { logger } from '#shared/log';

/**
 * What a queue worker did with one batch, as counts ("fitted": 48, "alertsRaised": 1). The worker reports it
 * once per invocation: it becomes one structured log line (what an operator reads in CloudWatch), and locally it
 * is also added to the summary of the job run that queued the batch, so `npm run job` says what the job did and
 * not only how many messages its planner sent.
 */
export type WorkCounts = Record<string, number>;

let localSink: ((counts: WorkCounts) => void) | undefined;

/** The local runtime's queues collect the counts here (undefined puts the default, the log line only, back). */
export function setWorkSink(sink: ((counts: WorkCounts) => void) | undefined): void {
  localSink = sink;
}

export function reportWork(message: string, counts: WorkCounts, details: Record<string, unknown> = {}): void {
  logger.info(message, { ...details, ...counts });
  localSink?.(counts);
}

/** Sums `more` into `into`, key by key. */
export function addCounts(into: WorkCounts, more: WorkCounts): WorkCounts {
  for (const [key, value] of Object.entries(more)) into[key] = (into[key] ?? 0) + value;
  return into;
}
