import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { OUTBOX_ITEM_TYPE, type OutboxItem } from '#events/outbox-item';
import { publish, type BusEvent } from '#events/publisher';
import { logger } from '#shared/log';
import { invocation } from '#shared/invocation';

/**
 * Table stream -> event bus. Each new outbox item becomes one event. On a failure the batch reports the first
 * failed record, so Lambda retries from there and nothing is skipped; consumers deduplicate by eventId.
 */
export async function run(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const pending: { record: DynamoDBRecord; event: BusEvent }[] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>) as Partial<OutboxItem>;
    if (item.type !== OUTBOX_ITEM_TYPE || !item.source || !item.detailType || !item.detail) continue;
    pending.push({
      record,
      event: {
        source: item.source,
        detailType: item.detailType,
        detail: item.detail,
        time: item.createdAt ?? new Date().toISOString(),
      },
    });
  }
  if (pending.length === 0) return { batchItemFailures: [] };

  const failed = await publish(pending.map((p) => p.event));
  if (failed.length === 0) {
    logger.info('relayed outbox events', { count: pending.length });
    return { batchItemFailures: [] };
  }
  const first = pending[Math.min(...failed)]!;
  logger.warn('some outbox events were not published; retrying from the first failure', {
    failed: failed.length,
    of: pending.length,
  });
  return { batchItemFailures: [{ itemIdentifier: first.record.dynamodb?.SequenceNumber ?? '' }] };
}

export const handler = invocation(run);
