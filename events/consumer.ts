import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import type { z } from 'zod';
import type { Envelope, EventDefinition } from '#events/envelope';
import { parseDetail } from '#events/outbox';
import { nowMs } from '#shared/clock';
import { db, tableName } from '#shared/db/client';
import { ProcessedEvent } from '#shared/db/entities';
import { logger } from '#shared/log';

/** A consumer remembers what it processed for longer than EventBridge retries (24 h) and archive replays. */
const PROCESSED_TTL_SECONDS = 14 * 24 * 3600;
/** A crashed attempt's claim lapses after this, so a retry can take the event over. */
const LEASE_MS = 5 * 60 * 1000;

/** A handler of one event type, its detail's type erased so one consumer can route several. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the detail was validated against its own schema
type AnyHandler = (envelope: Envelope<any>) => Promise<void>;
/** One event type a consumer handles: its definition (to validate the detail) and its handler. */
interface Route {
  definition: EventDefinition;
  handle: AnyHandler;
}
type Handlers = Record<string, Route>;

export function on<D extends z.ZodType>(
  definition: EventDefinition<D>,
  handle: (envelope: Envelope<z.infer<D>>) => Promise<void>,
): [string, Route] {
  return [`${definition.source}|${definition.detailType}`, { definition: definition, handle }];
}

/**
 * An idempotent EventBridge consumer: validates the detail against its event's definition, claims the event id with a
 * conditional put (so redelivery and replays do the work once), runs the handler, marks the event done.
 * A failed attempt releases its claim and rethrows, so EventBridge retries it and then sends it to the DLQ.
 */
export function consumer(name: string, ...routes: [string, Route][]) {
  const handlers: Handlers = Object.fromEntries(routes);
  return async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const route = handlers[`${event.source}|${event['detail-type']}`];
    if (!route) {
      logger.warn('event not handled by this consumer', { consumer: name, detailType: event['detail-type'] });
      return;
    }
    const { definition, handle } = route;
    const envelope = parseDetail(definition, event.detail);
    const log = { consumer: name, eventId: envelope.eventId, detailType: event['detail-type'] };
    if (!(await claim(name, envelope.eventId))) {
      logger.info('event already processed', log);
      return;
    }
    try {
      await handle(envelope);
    } catch (error) {
      await release(name, envelope.eventId);
      logger.error('event handling failed', { ...log, error: error as Error });
      throw error;
    }
    await done(name, envelope.eventId);
  };
}

async function claim(name: string, eventId: string): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...ProcessedEvent.storage({ consumer: name, eventId }),
          state: 'processing',
          leaseUntil: nowMs() + LEASE_MS,
          ttl: Math.floor(nowMs() / 1000) + PROCESSED_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(PK) OR (#state = :processing AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':processing': 'processing', ':now': nowMs() },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

async function done(name: string, eventId: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: ProcessedEvent.key({ consumer: name, eventId }),
      UpdateExpression: 'SET #state = :done REMOVE leaseUntil',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':done': 'done' },
    }),
  );
}

async function release(name: string, eventId: string): Promise<void> {
  await db()
    .send(new DeleteCommand({ TableName: tableName(), Key: ProcessedEvent.key({ consumer: name, eventId }) }))
    .catch((error: unknown) => logger.error('could not release the event claim', { error: error as Error }));
}
