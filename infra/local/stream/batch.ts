import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { isOutboxInsert, seq, toLambdaRecord } from '#infra/local/stream-records';

/** Pure decisions about one batch read from a shard: what the relay gets, and when a failed batch is retried. */

export interface DecodedBatch {
  /** The records that pass the relay's event filter, as Lambda hands them over. */
  matching: DynamoDBRecord[];
  /** The sequence number of the batch's last record, matching or not: the checkpoint once it is handled. */
  last: string;
}

export function decodeBatch(records: readonly _Record[], streamArn: string, region: string): DecodedBatch {
  const all = records.map((r) => toLambdaRecord(r, streamArn, region));
  return { matching: all.filter(isOutboxInsert), last: seq(all[all.length - 1]) };
}

/**
 * When a batch the relay failed is read again: after a backoff that doubles with each attempt; undefined once
 * `retries` attempts were made, when the batch goes to the dead-letter list and the shard moves on.
 */
export function relayRetryAt(attempts: number, retries: number, intervalMs: number, now: number): number | undefined {
  return attempts < retries ? now + intervalMs * 2 ** (attempts + 1) : undefined;
}
