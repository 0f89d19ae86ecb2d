import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { CheckpointStore, ShardCheckpoint } from '#infra/local/checkpoints';

/**
 * The stream's shards as the poller knows them: discovered with DescribeStream, each starting where its
 * checkpoint left off, read parent before child as in AWS, and marked done once read to the end.
 */

export interface Shard {
  id: string;
  parentId?: string;
  iterator?: string;
  /** Where to (re)open the iterator: after the checkpoint, or at the first failed record. */
  position: { type: ShardIteratorType; sequenceNumber?: string };
  done: boolean;
  attempts: number;
  retryAt: number;
}

/** DescribeStream is asked again at most this often, unless a drain wants shards created a moment ago. */
const REFRESH_MS = 1000;

export function newShard(id: string, parentId: string | undefined, saved: ShardCheckpoint | undefined): Shard {
  return {
    id,
    parentId,
    position: saved?.sequenceNumber
      ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: saved.sequenceNumber }
      : { type: 'TRIM_HORIZON' },
    done: saved?.done ?? false,
    attempts: 0,
    retryAt: 0,
  };
}

/**
 * Whether a pass reads `shard` now: not once done; not while its parent is still being read or a relay retry
 * is backing off (`waiting`: the stream is not caught up).
 */
export function shardTurn(shard: Shard, shards: ReadonlyMap<string, Shard>, now: number): 'done' | 'waiting' | 'ready' {
  if (shard.done) return 'done';
  const parent = shard.parentId ? shards.get(shard.parentId) : undefined;
  if ((parent && !parent.done) || shard.retryAt > now) return 'waiting';
  return 'ready';
}

export class ShardDirectory {
  readonly shards = new Map<string, Shard>();
  private lastRefresh = 0;

  constructor(
    private readonly streams: DynamoDBStreamsClient,
    private readonly streamArn: string,
    private readonly checkpoints: CheckpointStore,
  ) {}

  async refreshIfDue(force: boolean): Promise<void> {
    if (force || Date.now() - this.lastRefresh > REFRESH_MS) await this.refresh();
  }

  /** A shard read to its end is not read again, after a restart either. */
  async finish(shard: Shard): Promise<void> {
    shard.done = true;
    await this.checkpoints.set(shard.id, { ...this.checkpoints.get(shard.id), done: true });
  }

  private async refresh(): Promise<void> {
    let exclusiveStartShardId: string | undefined;
    do {
      const out = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      for (const s of out.StreamDescription?.Shards ?? []) {
        if (!s.ShardId || this.shards.has(s.ShardId)) continue;
        this.shards.set(s.ShardId, newShard(s.ShardId, s.ParentShardId, this.checkpoints.get(s.ShardId)));
      }
      exclusiveStartShardId = out.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    this.lastRefresh = Date.now();
  }
}
