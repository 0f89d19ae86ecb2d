import type { Envelope } from '#events/envelope';

/**
 * The outbox item as stored: no runtime dependencies, so the relay (which only forwards items) and the CDK
 * stream filter can use it without bundling the schemas.
 */
export const OUTBOX_ITEM_TYPE = 'OutboxEvent';

/** An event staged for the outbox: written in the same transaction as the change it describes. */
export interface OutboxItem {
  PK: string;
  SK: string;
  type: typeof OUTBOX_ITEM_TYPE;
  source: string;
  detailType: string;
  detail: Envelope<unknown>;
  createdAt: string;
  ttl: number;
}
