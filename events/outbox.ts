import type { z } from 'zod';
import { ulid } from 'ulid';
import { envelopeSchema, type EventDefinition, type Envelope } from '#events/envelope';
import type { OperationContext } from '#shared/context';
import { OutboxEvent } from '#shared/db/entities';
import { nowMs } from '#shared/clock';
import { OUTBOX_ITEM_TYPE, type OutboxItem } from '#events/outbox-item';

/** Outbox items outlive any relay retry and are then removed by TTL. */
const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

export function outboxEvent<D extends z.ZodType>(
  ctx: OperationContext,
  definition: EventDefinition<D>,
  partnerId: string | undefined,
  data: z.infer<D>,
): OutboxItem {
  const eventId = ulid(nowMs());
  const occurredAt = new Date(nowMs()).toISOString();
  const detail = envelopeSchema(definition.data).parse({
    eventId,
    occurredAt,
    ...(partnerId ? { partnerId } : {}),
    actor: {
      sub: ctx.actor.sub,
      role: ctx.actor.role,
      ...(ctx.actor.partnerId ? { partnerId: ctx.actor.partnerId } : {}),
    },
    data,
  }) as Envelope<unknown>;
  return {
    ...OutboxEvent.key({ id: eventId }),
    type: OUTBOX_ITEM_TYPE,
    source: definition.source,
    detailType: definition.detailType,
    detail,
    createdAt: occurredAt,
    ttl: Math.floor(nowMs() / 1000) + OUTBOX_TTL_SECONDS,
  };
}

/** Consumers parse what they receive against the same contract. */
export function parseDetail<D extends z.ZodType>(
  definition: EventDefinition<D>,
  detail: unknown,
): Envelope<z.infer<D>> {
  return envelopeSchema(definition.data).parse(detail) as Envelope<z.infer<D>>;
}
