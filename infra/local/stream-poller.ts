import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { StreamFunction } from '#functions/manifest';
import { openCheckpoints } from '#infra/local/checkpoints';
import { LOCAL_CREDENTIALS } from '#infra/local/dynamo';
import type { Logger } from '#infra/local/log';
import { drainStream } from '#infra/local/stream/drain';
import { PassLoop } from '#infra/local/stream/loop';
import { StreamPass } from '#infra/local/stream/pass';
import { PollErrors } from '#infra/local/stream/poll-errors';
import { ShardReader } from '#infra/local/stream/reader';
import { RelayDelivery, type FailedBatch } from '#infra/local/stream/relay';
import { ShardDirectory } from '#infra/local/stream/shards';

/**
 * Reads the table's stream the way Lambda's event source mapping does and hands outbox inserts to the relay:
 * shards in parent-before-child order, batches of up to 100 records, the relay's event filter, partial batch
 * responses (re-delivery from the first failed record), a few retries with backoff, then the batch goes to
 * the dead-letter list (the mapping's on-failure destination in AWS) and the shard moves on.
 *
 * This file starts and stops the parts under stream/: shard discovery (shards.ts), the iterator reader
 * (reader.ts), record decoding and the retry decision (batch.ts), delivery to the relay (relay.ts), a pass over
 * the shards (pass.ts), the loop of passes (loop.ts) and the drain (drain.ts).
 */

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  relay: StreamFunction;
  region: string;
  log: Logger;
  /** Persist per-shard checkpoints here; in memory when absent. */
  checkpointFile?: string;
  /**
   * Resolves once everything the relay published has been consumed (the local bus, the work queues); with
   * `true` when it had to wait for work in flight, which may have written outbox items of its own.
   */
  downstreamIdle: () => Promise<boolean | void>;
  intervalMs?: number;
  batchSize?: number;
  retries?: number;
}

export interface StreamPoller {
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Resolves once every record written before the call has been handed to the relay and every consumer
   * invocation that caused (and any outbox events those consumers wrote in turn) has finished.
   */
  drain(timeoutMs?: number): Promise<void>;
  readonly failedBatches: readonly FailedBatch[];
}

export function createStreamPoller(options: StreamPollerOptions): StreamPoller {
  const intervalMs = options.intervalMs ?? 200;
  const clientConfig = { endpoint: options.endpoint, region: options.region, credentials: LOCAL_CREDENTIALS };
  const dynamo = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const failedBatches: FailedBatch[] = [];
  const pollErrors = new PollErrors(options.log);
  const loop = new PassLoop(intervalMs, (error) => pollErrors.report(error));

  /** The parts that need the stream's ARN and its checkpoints, known once the table has been described. */
  async function openPass(): Promise<StreamPass> {
    const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
    const streamArn = table.Table?.LatestStreamArn ?? '';
    if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
    const checkpoints = await openCheckpoints(streamArn, options.checkpointFile);
    return new StreamPass({
      directory: new ShardDirectory(streams, streamArn, checkpoints),
      reader: new ShardReader(streams, streamArn, options.log),
      delivery: new RelayDelivery({
        relay: options.relay,
        streamArn,
        region: options.region,
        retries: options.retries ?? 3,
        intervalMs,
        checkpoints,
        failedBatches,
        log: options.log,
      }),
      batchSize: options.batchSize ?? 100,
    });
  }

  return {
    failedBatches,
    async start() {
      const pass = await openPass();
      loop.start((forceRefresh) => pass.run(forceRefresh));
    },
    async stop() {
      await loop.stop();
      dynamo.destroy();
      streams.destroy();
    },
    // Shorter than jest's test timeout, so a stuck drain fails with its own message rather than a bare timeout.
    drain: (timeoutMs = 15_000) =>
      drainStream(
        {
          nextPass: () => loop.nextPass(),
          downstreamIdle: options.downstreamIdle,
          lastPollError: () => pollErrors.lastMessage,
        },
        timeoutMs,
      ),
  };
}
