import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { config } from '#shared/config';

/** One event ready for the bus: what PutEvents takes, and what the local bus routes. */
export interface BusEvent {
  source: string;
  detailType: string;
  /** The event envelope (eventId, occurredAt, partnerId, actor, data) as JSON-ready data. */
  detail: Record<string, unknown>;
  /** Ties the bus event to its outbox item, for tracing. */
  time: string;
}

/** Publishes a batch; resolves with the indexes of the events that failed (retried by the caller). */
export type Publisher = (events: BusEvent[]) => Promise<number[]>;

let override: Publisher | undefined;
let eventBridge: EventBridgeClient | undefined;

/** The local runtime routes events to in-process consumers instead of EventBridge. */
export function setPublisher(publisher: Publisher | undefined): void {
  override = publisher;
}

export function publish(events: BusEvent[]): Promise<number[]> {
  return (override ?? publishToEventBridge)(events);
}

async function publishToEventBridge(events: BusEvent[]): Promise<number[]> {
  const busName = config().eventBusName;
  if (!busName) throw new Error('EVENT_BUS_NAME is not set and no local publisher is installed');
  eventBridge ??= new EventBridgeClient({});
  const failed: number[] = [];
  // PutEvents takes at most 10 entries per call.
  for (let start = 0; start < events.length; start += 10) {
    const slice = events.slice(start, start + 10);
    const entries: PutEventsRequestEntry[] = slice.map((e) => ({
      EventBusName: busName,
      Source: e.source,
      DetailType: e.detailType,
      Detail: JSON.stringify(e.detail),
      Time: new Date(e.time),
    }));
    try {
      const out = await eventBridge.send(new PutEventsCommand({ Entries: entries }));
      out.Entries?.forEach((entry, i) => {
        if (entry.ErrorCode) failed.push(start + i);
      });
    } catch {
      slice.forEach((_, i) => failed.push(start + i));
    }
  }
  return failed;
}
