import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import type { EventFunction } from '#functions/manifest';
import { setPublisher, type BusEvent, type Publisher } from '#events/publisher';
import { invoke, LOCAL_ACCOUNT_ID } from '#infra/local/handlers';
import { errorData, type Logger } from '#infra/local/log';
import { delay } from '#infra/local/wait';

/**
 * The in-process EventBridge bus. It installs itself as the publisher, so the outbox relay's publish() lands
 * here; each event goes to every manifest consumer whose rule (source + detail types) matches, asynchronously,
 * as EventBridge delivers after PutEvents returns. A failing consumer is retried with backoff, then its
 * event is parked in a dead-letter list (the rule's DLQ in AWS).
 */

export type BusDeliveryEvent = EventBridgeEvent<string, Record<string, unknown>>;

export interface DeliveredEvent {
  event: BusDeliveryEvent;
  /** Consumers the rules matched (may be empty: an event nobody listens to is still delivered to the bus). */
  targets: string[];
}

export interface DeadLetter {
  event: BusDeliveryEvent;
  target: string;
  attempts: number;
  error: string;
  at: string;
}

export interface LocalBus {
  publisher: Publisher;
  /** Routes events through setPublisher; `uninstall` puts the default (EventBridge) back. */
  install(): void;
  uninstall(): void;
  /** Resolves once no delivery is in flight (including ones started while waiting). */
  idle(): Promise<void>;
  /** Deliveries in flight now (retries included). */
  inFlight(): number;
  /** The last `keep` events published, oldest first. */
  readonly delivered: readonly DeliveredEvent[];
  readonly deadLetters: readonly DeadLetter[];
}

export interface LocalBusOptions {
  consumers: EventFunction[];
  region: string;
  log: Logger;
  /** Retries after the first failed attempt. */
  retries?: number;
  baseDelayMs?: number;
  keep?: number;
}

export function createLocalBus(options: LocalBusOptions): LocalBus {
  const retries = options.retries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 100;
  const keep = options.keep ?? 200;
  const delivered: DeliveredEvent[] = [];
  const deadLetters: DeadLetter[] = [];
  const inFlight = new Set<Promise<void>>();

  async function deliver(target: EventFunction, event: BusDeliveryEvent): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await invoke<void>(target, event, options.region);
        return;
      } catch (error) {
        if (attempt > retries) {
          deadLetters.push({
            event,
            target: target.name,
            attempts: attempt,
            error: errorData(error).error as string,
            at: new Date().toISOString(),
          });
          if (deadLetters.length > keep) deadLetters.shift();
          options.log.error('consumer failed; event dead-lettered', {
            target: target.name,
            detailType: event['detail-type'],
            id: event.id,
            attempts: attempt,
            ...errorData(error),
          });
          return;
        }
        options.log.info('consumer failed; retrying', {
          target: target.name,
          id: event.id,
          attempt,
          error: errorData(error).error,
        });
        await delay(baseDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  const publisher: Publisher = async (events: BusEvent[]) => {
    for (const busEvent of events) {
      const event = toEventBridgeEvent(busEvent, options.region);
      const targets = options.consumers.filter((fn) => matches(fn, busEvent));
      delivered.push({ event, targets: targets.map((t) => t.name) });
      if (delivered.length > keep) delivered.shift();
      options.log.info('event', {
        source: event.source,
        detailType: event['detail-type'],
        id: event.id,
        targets: targets.map((t) => t.name),
      });
      for (const target of targets) {
        const delivery = deliver(target, event).finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
    }
    return []; // the local bus accepts every entry
  };

  return {
    publisher,
    install: () => setPublisher(publisher),
    uninstall: () => setPublisher(undefined),
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    inFlight: () => inFlight.size,
    delivered,
    deadLetters,
  };
}

/** An EventBridge rule with `source` and `detail-type` lists matches when both contain the event's value. */
export function matches(fn: EventFunction, event: Pick<BusEvent, 'source' | 'detailType'>): boolean {
  return fn.events.some((rule) => rule.source === event.source && rule.detailTypes.includes(event.detailType));
}

export function toEventBridgeEvent(event: BusEvent, region: string): BusDeliveryEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': event.detailType,
    source: event.source,
    account: LOCAL_ACCOUNT_ID,
    time: eventTime(event.time),
    region,
    resources: [],
    // A JSON round trip, as the real bus serialises the detail: consumers never share objects with the producer.
    detail: JSON.parse(JSON.stringify(event.detail)) as Record<string, unknown>,
  };
}

/** EventBridge keeps second precision in `time`; an unreadable time becomes "now", as PutEvents would. */
function eventTime(time: string): string {
  const at = new Date(time);
  return (Number.isNaN(at.getTime()) ? new Date() : at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
