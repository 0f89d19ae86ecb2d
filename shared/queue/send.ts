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

/**
 * A planner's loop: pages through its work (`pages`, e.g. a sparse index), turns each item into a unit and sends
 * the units to `queue` in messages of `perMessage`, page by page, so memory stays at one page whatever the size.
 */
export async function sendInBatches<Item, Unit>(
  queue: string,
  pages: AsyncIterable<Item[]>,
  options: { perMessage: number; unit: (item: Item) => Unit; message: (units: Unit[]) => unknown },
): Promise<{ units: number; messages: number }> {
  const sent = { units: 0, messages: 0 };
  const pending: Unit[] = [];
  const flush = async (all: boolean) => {
    const messages: unknown[] = [];
    while (pending.length >= options.perMessage || (all && pending.length > 0))
      messages.push(options.message(pending.splice(0, options.perMessage)));
    await sendWork(queue, messages);
    sent.messages += messages.length;
  };
  for await (const page of pages) {
    pending.push(...page.map(options.unit));
    sent.units += page.length;
    await flush(false);
  }
  await flush(true);
  return sent;
}
