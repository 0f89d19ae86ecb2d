import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** A dead-letter queue and what it catches, for its depth alarm and the dashboard. */
export interface DeadLetterQueue {
  /** Whose failures land here, e.g. the manifest name of the function. */
  owner: string;
  queue: sqs.Queue;
}

/** Encrypted, TLS-only, and kept the SQS maximum of 14 days: time to fix the bug and redrive. */
export function deadLetterQueue(scope: Construct, id: string, owner: string): DeadLetterQueue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter queue of ${owner}; what lands here raises a depth alarm.`,
  });
  return { owner, queue };
}
