import type { Logger } from '#infra/local/log';
import type { Message } from '#infra/local/queue/message';

/** The messages given up on, newest last, as a queue's DLQ holds them in AWS; kept for GET /local/queues. */

export interface QueuedMessageDeadLetter {
  queue: string;
  messageId: string;
  body: string;
  receives: number;
  error: string;
  at: string;
}

export class DeadLetters {
  /** Read by GET /local/queues and the tests as it grows: the same array throughout. */
  readonly list: QueuedMessageDeadLetter[] = [];

  constructor(
    private readonly keep: number,
    private readonly log: Logger,
  ) {}

  add(queue: { queue: string; name: string }, message: Message, error: string): void {
    this.list.push({
      queue: queue.queue,
      messageId: message.id,
      body: message.body,
      receives: message.receives,
      error,
      at: new Date().toISOString(),
    });
    if (this.list.length > this.keep) this.list.shift();
    this.log.error('message dead-lettered', {
      queue: queue.queue,
      function: queue.name,
      messageId: message.id,
      receives: message.receives,
      error,
    });
    message.settle('dead-lettered');
  }
}
