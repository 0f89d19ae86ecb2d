import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from '#infra/local/handlers';
import type { Outcome, WorkTracker } from '#infra/local/queue/tracking';

/** One queued message as SQS keeps it, and the SQS record a worker receives for it. */

/** The SQS message size limit (1 MiB since August 2025): a bigger body fails locally as SendMessage would. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface Message {
  id: string;
  body: string;
  md5: string;
  sentAt: number;
  firstReceivedAt?: number;
  receives: number;
  /** Not handed out before this (epoch ms): the retry backoff. */
  visibleAt: number;
  /** The trackers of the run that sent it: the worker that processes it runs under them too. */
  trackers: WorkTracker[];
  settle(outcome: Outcome): void;
}

/** Every body first: like SendMessageBatch, a bad message fails the call before anything is queued. */
export function serialise(queueName: string, messages: readonly unknown[]): string[] {
  return messages.map((message, i) => {
    const body = JSON.stringify(message) as string | undefined;
    if (body === undefined) throw new Error(`message ${i} to ${queueName} is not JSON-serialisable`);
    if (Buffer.byteLength(body) > MAX_MESSAGE_BYTES)
      throw new Error(`message ${i} to ${queueName} exceeds ${MAX_MESSAGE_BYTES} bytes`);
    return body;
  });
}

export function newMessage(
  body: string,
  sentAt: number,
  trackers: WorkTracker[],
  settle: (outcome: Outcome) => void,
): Message {
  return {
    id: randomUUID(),
    body,
    md5: createHash('md5').update(body).digest('hex'),
    sentAt,
    receives: 0,
    visibleAt: sentAt,
    trackers,
    settle,
  };
}

/** Counts a receive (ApproximateReceiveCount) and returns the record the worker gets for it. */
export function receive(message: Message, receivedAt: number, queueArn: string, region: string): SQSRecord {
  message.receives += 1;
  message.firstReceivedAt ??= receivedAt;
  return {
    messageId: message.id,
    receiptHandle: randomBytes(48).toString('base64'),
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receives),
      SentTimestamp: String(message.sentAt),
      SenderId: `AROA${LOCAL_ACCOUNT_ID}:local`,
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
    },
    messageAttributes: {},
    md5OfBody: message.md5,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
