import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { StreamFunction } from '#functions/manifest';
import type { CheckpointStore } from '#infra/local/checkpoints';
import { invoke } from '#infra/local/handlers';
import { errorData, type Logger } from '#infra/local/log';
import { decodeBatch, relayRetryAt } from '#infra/local/stream/batch';
import type { Shard } from '#infra/local/stream/shards';
import { firstFailure, seq } from '#infra/local/stream-records';

/**
 * Hands a batch to the relay and moves the shard on: past the batch (checkpointed) when it was handled or given
 * up, back to the first failed record after a backoff when the relay failed and retries are left.
 */

export interface FailedBatch {
  shardId: string;
  firstSequenceNumber: string;
  lastSequenceNumber: string;
  error: string;
}

export interface RelayDeliveryOptions {
  relay: StreamFunction;
  streamArn: string;
  region: string;
  retries: number;
  intervalMs: number;
  checkpoints: CheckpointStore;
  /** The mapping's on-failure destination in AWS. */
  failedBatches: FailedBatch[];
  log: Logger;
}

interface RelayOutcome {
  /** The sequence number to re-deliver from; undefined when every record was handled. */
  failedAt?: string;
  failure: string;
}

export class RelayDelivery {
  constructor(private readonly options: RelayDeliveryOptions) {}

  /** `ok`: the shard may read on. `handed`: records the relay was given. */
  async deliver(shard: Shard, records: _Record[]): Promise<{ ok: boolean; handed: number }> {
    const { matching, last } = decodeBatch(records, this.options.streamArn, this.options.region);
    const { failedAt, failure } = await this.invokeRelay(matching);
    const handed = matching.length;
    if (!failedAt) return this.moveOn(shard, last, handed);
    const retryAt = relayRetryAt(shard.attempts, this.options.retries, this.options.intervalMs, Date.now());
    if (retryAt === undefined) {
      this.giveUp(shard, failedAt, last, failure);
      return this.moveOn(shard, last, handed);
    }
    shard.attempts++;
    shard.retryAt = retryAt;
    shard.iterator = undefined;
    shard.position = { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: failedAt };
    this.options.log.info('relay failed; will retry', {
      shardId: shard.id,
      from: failedAt,
      attempt: shard.attempts,
      error: failure,
    });
    return { ok: false, handed };
  }

  /** Records no one is interested in are skipped without an invocation, as the event filter does. */
  private async invokeRelay(matching: DynamoDBRecord[]): Promise<RelayOutcome> {
    if (matching.length === 0) return { failure: '' };
    try {
      const response = await invoke<DynamoDBBatchResponse | void>(
        this.options.relay,
        { Records: matching },
        this.options.region,
      );
      const failedAt = firstFailure(matching, response);
      return { failedAt, failure: failedAt ? 'batchItemFailures reported' : '' };
    } catch (error) {
      return { failedAt: seq(matching[0]), failure: errorData(error).error as string };
    }
  }

  private giveUp(shard: Shard, failedAt: string, last: string, failure: string): void {
    this.options.failedBatches.push({
      shardId: shard.id,
      firstSequenceNumber: failedAt,
      lastSequenceNumber: last,
      error: failure,
    });
    this.options.log.error('relay kept failing; batch sent to the dead-letter list', {
      shardId: shard.id,
      from: failedAt,
      to: last,
      error: failure,
    });
  }

  private async moveOn(shard: Shard, last: string, handed: number): Promise<{ ok: boolean; handed: number }> {
    shard.attempts = 0;
    shard.position = { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: last };
    await this.options.checkpoints.set(shard.id, { sequenceNumber: last });
    return { ok: true, handed };
  }
}
