import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type QueueFunction, queueFunctions } from '#functions/manifest';
import { functionTimeout } from '#infra/constructs/accord-function';
import { type DeadLetterQueue, deadLetterQueue } from '#infra/constructs/dead-letter-queue';

/** Receives before a message moves to the DLQ (the local queues dead-letter after the same count). */
export const MAX_RECEIVE_COUNT = 3;

/** A manifest `queue` function's queue, for its event source, the planners' grants and the alarms. */
export interface WorkQueue {
  spec: QueueFunction;
  queue: sqs.Queue;
  deadLetterQueue: DeadLetterQueue;
}

/**
 * One SQS queue per manifest `queue` function (the planner/worker scale plan, ARCHITECTURE §9), each with a DLQ.
 * Created before any function: planners in any construct are granted on them by name (`access.sendsTo`); the
 * workers themselves are built with the jobs (infra/constructs/jobs.ts).
 */
export class WorkQueues extends Construct {
  readonly workQueues: WorkQueue[] = [];
  readonly byName = new Map<string, sqs.IQueue>();

  constructor(scope: Construct, id: string, { stage }: { stage: string }) {
    super(scope, id);
    for (const spec of queueFunctions()) {
      if (this.byName.has(spec.queue)) throw new Error(`queue ${spec.queue} is consumed by two manifest functions`);
      const dlq = deadLetterQueue(this, `${spec.queue}-dlq`, spec.name);
      const queue = new sqs.Queue(this, spec.queue, {
        queueName: `accord-${stage}-${spec.queue}`,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // Lambda's guidance: at least six times the function timeout (plus the batching window), so a message
        // is never handed to a second worker while the first is still on it, throttling retries included.
        visibilityTimeout: Duration.seconds(
          6 * (functionTimeout(spec).toSeconds() + (batchingWindow(spec)?.toSeconds() ?? 0)),
        ),
        // Shorter than the DLQ's 14 days: SQS keeps a message's first enqueue time when it moves to the DLQ.
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: dlq.queue, maxReceiveCount: MAX_RECEIVE_COUNT },
      });
      this.workQueues.push({ spec, queue, deadLetterQueue: dlq });
      this.byName.set(spec.queue, queue);
    }
  }

  get deadLetterQueues(): DeadLetterQueue[] {
    return this.workQueues.map((work) => work.deadLetterQueue);
  }
}

/** Lambda polls SQS in batches of up to 10 without a batching window; bigger batches need one. */
export function batchingWindow(spec: QueueFunction): Duration | undefined {
  return spec.batchSize > 10 ? Duration.seconds(1) : undefined;
}
