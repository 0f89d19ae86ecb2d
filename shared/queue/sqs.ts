import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

let sqs: SQSClient | undefined;

export function queueUrlVariable(queue: string): string {
  return `QUEUE_URL_${queue.toUpperCase().replace(/-/g, '_')}`;
}

/** SendMessageBatch in tens; a message that SQS refuses fails the call so the planner's run retries. */
export async function sendToSqs(queue: string, messages: unknown[]): Promise<void> {
  const url = process.env[queueUrlVariable(queue)];
  if (!url) throw new Error(`${queueUrlVariable(queue)} is not set and no local dispatcher is installed`);
  sqs ??= new SQSClient({});
  for (let start = 0; start < messages.length; start += 10) {
    const entries = messages
      .slice(start, start + 10)
      .map((m, i) => ({ Id: String(start + i), MessageBody: JSON.stringify(m) }));
    const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
    if (out.Failed?.length)
      throw new Error(`${out.Failed.length} message(s) to ${queue} were not accepted: ${out.Failed[0]?.Message ?? ''}`);
  }
}
