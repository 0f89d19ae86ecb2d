/**
 * Hands work to a manifest `queue` function: SQS in AWS (the queue URL comes from the environment variable
 * `QUEUE_URL_<NAME>`, NAME upper-cased with dashes as underscores), the in-process dispatcher locally.
 * Resolves once every message is accepted; rejects if any could not be sent, so the caller can retry.
 */
export type Dispatcher = (queue: string, messages: unknown[]) => Promise<void>;

let local: Dispatcher | undefined;

/** The local runtime installs the in-process dispatcher here. */
export function setDispatcher(dispatcher: Dispatcher | undefined): void {
  local = dispatcher;
}

export async function sendWork(queue: string, messages: unknown[]): Promise<void> {
  if (messages.length === 0) return;
  if (local) return local(queue, messages);
  const { sendToSqs } = await import('#shared/queue/sqs');
  return sendToSqs(queue, messages);
}
