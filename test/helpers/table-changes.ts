import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_CREDENTIALS, localDynamoClient } from '#infra/local/dynamo';

/**
 * What was written to a test table, read from its stream: every item change (put, update, delete) leaves a
 * record, and a record is only there if something changed, so "no records since the request" means exactly
 * "the request wrote nothing". Reading on from the last position costs one GetRecords per shard, where the
 * full-table Scans before and after each request it replaces took most of the security suites' time.
 *
 * Independent of the local runtime's own stream poller on purpose: the tests check the runtime, not themselves.
 */

export interface TableChange {
  event: 'INSERT' | 'MODIFY' | 'REMOVE';
  PK: string;
  SK: string;
}

export interface ChangeReader {
  /** Every change since the previous call; the first call returns every change since the table was created. */
  take(): Promise<TableChange[]>;
  close(): void;
}

interface ShardPosition {
  /** The last record read; until the shard has one it is re-read from TRIM_HORIZON (see below). */
  lastSequenceNumber?: string;
  iterator?: string;
  closed: boolean;
}

export function tableChangeReader(endpoint: string, tableName: string): ChangeReader {
  const config = { endpoint, region: process.env.AWS_REGION ?? 'eu-west-1', credentials: LOCAL_CREDENTIALS };
  const streams = new DynamoDBStreamsClient(config);
  const shards = new Map<string, ShardPosition>();
  let streamArn: string | undefined;

  async function refreshShards(): Promise<void> {
    if (!streamArn) {
      const dynamo = localDynamoClient(endpoint);
      try {
        streamArn = (await dynamo.send(new DescribeTableCommand({ TableName: tableName }))).Table?.LatestStreamArn;
      } finally {
        dynamo.destroy();
      }
      if (!streamArn) throw new Error(`table ${tableName} has no stream`);
    }
    let start: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      // A shard first seen now was created after the previous call: everything in it is new.
      for (const s of out.StreamDescription?.Shards ?? [])
        if (s.ShardId && !shards.has(s.ShardId)) shards.set(s.ShardId, { closed: false });
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  async function openIterator(shardId: string, position: ShardPosition): Promise<string | undefined> {
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(position.lastSequenceNumber
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: position.lastSequenceNumber }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return out.ShardIterator;
  }

  async function readShard(shardId: string, position: ShardPosition, into: TableChange[]): Promise<void> {
    for (;;) {
      position.iterator ??= await openIterator(shardId, position);
      if (!position.iterator) {
        position.closed = true;
        return;
      }
      let out;
      try {
        out = await streams.send(new GetRecordsCommand({ ShardIterator: position.iterator, Limit: 1000 }));
      } catch (error) {
        // Iterators expire after 15 minutes; reopen after the last record read.
        if ((error as Error).name !== 'ExpiredIteratorException') throw error;
        position.iterator = undefined;
        continue;
      }
      for (const record of out.Records ?? []) {
        const data = record.dynamodb ?? {};
        into.push({
          event: record.eventName as TableChange['event'],
          PK: data.Keys?.PK?.S ?? '',
          SK: data.Keys?.SK?.S ?? '',
        });
        position.lastSequenceNumber = data.SequenceNumber ?? position.lastSequenceNumber;
      }
      if (!out.NextShardIterator) {
        position.closed = true;
        return;
      }
      // DynamoDB Local numbers stream records across every table of the JVM: an iterator on a shard that has
      // no record yet points at a number another test file's table may take, and then reads as "trimmed".
      // Such a shard is reopened at TRIM_HORIZON on every call instead (infra/local/stream-poller.ts does the same).
      position.iterator = position.lastSequenceNumber ? out.NextShardIterator : undefined;
      if ((out.Records ?? []).length === 0) return;
    }
  }

  return {
    async take() {
      await refreshShards();
      const changes: TableChange[] = [];
      for (const [shardId, position] of shards) if (!position.closed) await readShard(shardId, position, changes);
      return changes;
    },
    close: () => streams.destroy(),
  };
}
