import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { Logger } from '#infra/local/log';
import type { Shard } from '#infra/local/stream/shards';

/** Reads a shard through its iterator, (re)opening the iterator at the shard's position when it has none. */

/**
 * `closed`: no iterator could be opened (the shard is closed and read). `lost`: the iterator expired or its
 * data was trimmed; the next read reopens it from the shard's own position.
 */
export type ShardRead = { records: _Record[]; next?: string } | 'closed' | 'lost';

/** Iterators live 15 minutes; trimmed: the position fell out of the stream's retention. */
const LOST_ITERATOR = ['ExpiredIteratorException', 'TrimmedDataAccessException'];

export class ShardReader {
  constructor(
    private readonly streams: DynamoDBStreamsClient,
    private readonly streamArn: string,
    private readonly log: Logger,
  ) {}

  async read(shard: Shard, limit: number): Promise<ShardRead> {
    shard.iterator ??= await this.openIterator(shard);
    if (!shard.iterator) return 'closed';
    try {
      const out = await this.streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: limit }));
      return { records: out.Records ?? [], next: out.NextShardIterator };
    } catch (error) {
      if (!LOST_ITERATOR.includes((error as Error).name)) throw error;
      shard.iterator = undefined;
      return 'lost';
    }
  }

  private async openIterator(shard: Shard): Promise<string | undefined> {
    const request = {
      StreamArn: this.streamArn,
      ShardId: shard.id,
      ShardIteratorType: shard.position.type,
      SequenceNumber: shard.position.sequenceNumber,
    };
    try {
      return (await this.streams.send(new GetShardIteratorCommand(request))).ShardIterator;
    } catch (error) {
      if ((error as Error).name !== 'TrimmedDataAccessException') throw error;
      // The checkpoint is older than the stream's retention: start from the oldest record still there.
      this.log.error('checkpoint trimmed; reading shard from its oldest record', { shardId: shard.id });
      shard.position = { type: 'TRIM_HORIZON' };
      return (
        await this.streams.send(
          new GetShardIteratorCommand({ ...request, ShardIteratorType: 'TRIM_HORIZON', SequenceNumber: undefined }),
        )
      ).ShardIterator;
    }
  }
}
