import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import type { StreamFunction } from '#functions/manifest';
import { openCheckpoints, type CheckpointStore } from '#infra/local/checkpoints';
import { LOCAL_CREDENTIALS } from '#infra/local/dynamo';
import { invoke } from '#infra/local/handlers';
import { errorData, type Logger } from '#infra/local/log';
import { firstFailure, isOutboxInsert, seq, toLambdaRecord } from '#infra/local/stream-records';
import { beforeDeadline } from '#infra/local/wait';

/**
 * Reads the table's stream the way Lambda's event source mapping does and hands outbox inserts to the relay:
 * shards in parent-before-child order, batches of up to 100 records, the relay's event filter, partial batch
 * responses (re-delivery from the first failed record), a few retries with backoff, then the batch goes to
 * the dead-letter list (the mapping's on-failure destination in AWS) and the shard moves on.
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
  readonly failedBatches: readonly {
    shardId: string;
    firstSequenceNumber: string;
    lastSequenceNumber: string;
    error: string;
  }[];
}

interface Shard {
  id: string;
  parentId?: string;
  iterator?: string;
  /** Where to (re)open the iterator: after the checkpoint, or at the first failed record. */
  position: { type: ShardIteratorType; sequenceNumber?: string };
  done: boolean;
  attempts: number;
  retryAt: number;
}

interface PassResult {
  caughtUp: boolean;
  handed: number;
}

export function createStreamPoller(options: StreamPollerOptions): StreamPoller {
  const intervalMs = options.intervalMs ?? 200;
  const batchSize = options.batchSize ?? 100;
  const retries = options.retries ?? 3;
  const clientConfig = { endpoint: options.endpoint, region: options.region, credentials: LOCAL_CREDENTIALS };
  const dynamo = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const shards = new Map<string, Shard>();
  const failedBatches: StreamPoller['failedBatches'][number][] = [];
  let streamArn = '';
  let checkpoints: CheckpointStore;
  let running = false;
  let loop: Promise<void> | undefined;
  let passCount = 0;
  let lastRefresh = 0;
  let wake: (() => void) | undefined;
  const waiters: { afterPass: number; resolve: (r: PassResult) => void }[] = [];

  async function refreshShards(): Promise<void> {
    let exclusiveStartShardId: string | undefined;
    do {
      const out = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      for (const s of out.StreamDescription?.Shards ?? []) {
        if (!s.ShardId || shards.has(s.ShardId)) continue;
        const saved = checkpoints.get(s.ShardId);
        shards.set(s.ShardId, {
          id: s.ShardId,
          parentId: s.ParentShardId,
          position: saved?.sequenceNumber
            ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: saved.sequenceNumber }
            : { type: 'TRIM_HORIZON' },
          done: saved?.done ?? false,
          attempts: 0,
          retryAt: 0,
        });
      }
      exclusiveStartShardId = out.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    lastRefresh = Date.now();
  }

  async function openIterator(shard: Shard): Promise<string | undefined> {
    const request = {
      StreamArn: streamArn,
      ShardId: shard.id,
      ShardIteratorType: shard.position.type,
      SequenceNumber: shard.position.sequenceNumber,
    };
    try {
      return (await streams.send(new GetShardIteratorCommand(request))).ShardIterator;
    } catch (error) {
      if ((error as Error).name !== 'TrimmedDataAccessException') throw error;
      // The checkpoint is older than the stream's retention: start from the oldest record still there.
      options.log.error('checkpoint trimmed; reading shard from its oldest record', { shardId: shard.id });
      shard.position = { type: 'TRIM_HORIZON' };
      return (
        await streams.send(
          new GetShardIteratorCommand({ ...request, ShardIteratorType: 'TRIM_HORIZON', SequenceNumber: undefined }),
        )
      ).ShardIterator;
    }
  }

  /** Reads one shard until it has nothing new (caught up) or a few batches were handed over (fairness). */
  async function readShard(shard: Shard): Promise<PassResult> {
    let handed = 0;
    for (let batch = 0; batch < 10; batch++) {
      shard.iterator ??= await openIterator(shard);
      if (!shard.iterator) return finish(shard, handed);
      let out;
      try {
        out = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: batchSize }));
      } catch (error) {
        // Expired: iterators live 15 minutes. Trimmed: see below. Both: reopen from our own position.
        if (!['ExpiredIteratorException', 'TrimmedDataAccessException'].includes((error as Error).name)) throw error;
        shard.iterator = undefined;
        continue;
      }
      const records = out.Records ?? [];
      if (records.length === 0) {
        if (!out.NextShardIterator) return finish(shard, handed);
        // DynamoDB Local numbers stream records across all tables of its shared database. An iterator
        // taken on a still empty shard points at the next number, which another table's write can take;
        // reading it then fails as "trimmed". Until the first record, reopen at TRIM_HORIZON each pass.
        shard.iterator = shard.position.type === 'TRIM_HORIZON' ? undefined : out.NextShardIterator;
        return { caughtUp: true, handed };
      }
      const delivered = await deliver(shard, records);
      handed += delivered.handed;
      if (!delivered.ok) return { caughtUp: false, handed };
      shard.iterator = out.NextShardIterator;
      if (!shard.iterator) return finish(shard, handed);
    }
    return { caughtUp: false, handed };
  }

  async function finish(shard: Shard, handed: number): Promise<PassResult> {
    shard.done = true;
    await checkpoints.set(shard.id, { ...checkpoints.get(shard.id), done: true });
    return { caughtUp: true, handed };
  }

  /** Hands a batch to the relay; on failure arranges the retry (or gives the batch up after `retries`). */
  async function deliver(shard: Shard, records: _Record[]): Promise<{ ok: boolean; handed: number }> {
    const all = records.map((r) => toLambdaRecord(r, streamArn, options.region));
    const matching = all.filter(isOutboxInsert);
    let failedAt: string | undefined;
    let failure = '';
    if (matching.length > 0) {
      try {
        const response = await invoke<DynamoDBBatchResponse | void>(
          options.relay,
          { Records: matching },
          options.region,
        );
        failedAt = firstFailure(matching, response);
        if (failedAt) failure = 'batchItemFailures reported';
      } catch (error) {
        failedAt = seq(matching[0]);
        failure = errorData(error).error as string;
      }
    }
    const last = seq(all[all.length - 1]);
    if (failedAt && shard.attempts < retries) {
      shard.attempts++;
      shard.retryAt = Date.now() + intervalMs * 2 ** shard.attempts;
      shard.iterator = undefined;
      shard.position = { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: failedAt };
      options.log.info('relay failed; will retry', {
        shardId: shard.id,
        from: failedAt,
        attempt: shard.attempts,
        error: failure,
      });
      return { ok: false, handed: matching.length };
    }
    if (failedAt) {
      failedBatches.push({
        shardId: shard.id,
        firstSequenceNumber: failedAt,
        lastSequenceNumber: last,
        error: failure,
      });
      options.log.error('relay kept failing; batch sent to the dead-letter list', {
        shardId: shard.id,
        from: failedAt,
        to: last,
        error: failure,
      });
    }
    shard.attempts = 0;
    shard.position = { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: last };
    await checkpoints.set(shard.id, { sequenceNumber: last });
    return { ok: true, handed: matching.length };
  }

  async function pass(forceRefresh: boolean): Promise<PassResult> {
    if (forceRefresh || Date.now() - lastRefresh > 1000) await refreshShards();
    let caughtUp = true;
    let handed = 0;
    for (const shard of shards.values()) {
      if (shard.done) continue;
      // A child shard waits until its parent has been read to the end, as in AWS.
      const parent = shard.parentId ? shards.get(shard.parentId) : undefined;
      if ((parent && !parent.done) || shard.retryAt > Date.now()) {
        caughtUp = false;
        continue;
      }
      const result = await readShard(shard);
      caughtUp &&= result.caughtUp;
      handed += result.handed;
    }
    return { caughtUp, handed };
  }

  async function run(): Promise<void> {
    while (running) {
      const id = ++passCount;
      let result: PassResult = { caughtUp: false, handed: 0 };
      try {
        result = await pass(waiters.length > 0);
      } catch (error) {
        if (running) reportPollError(error);
      }
      for (const w of waiters.filter((w) => w.afterPass < id)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(result);
      }
      if (!running) break;
      // Between passes wait the poll interval, unless someone is draining and there is more to read.
      const pause = waiters.length > 0 ? (result.handed > 0 ? 0 : 25) : intervalMs;
      await new Promise<void>((done) => {
        const timer = setTimeout(done, pause);
        wake = () => {
          clearTimeout(timer);
          done();
        };
      });
      wake = undefined;
    }
  }

  /** Logs a failing poll once, not every 200 ms while it keeps failing the same way. */
  let lastPollError = { message: '', at: 0 };
  function reportPollError(error: unknown): void {
    const message = errorData(error).error as string;
    if (message !== lastPollError.message || Date.now() - lastPollError.at > 10_000) {
      options.log.error('stream poll failed', errorData(error));
      lastPollError = { message, at: Date.now() };
    }
  }

  /** The result of the next pass that starts after this call. */
  function nextPass(): Promise<PassResult> {
    if (!running) return Promise.reject(new Error('the stream poller is not running'));
    return new Promise((resolve) => {
      waiters.push({ afterPass: passCount, resolve });
      wake?.();
    });
  }

  return {
    failedBatches,
    async start() {
      const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
      streamArn = table.Table?.LatestStreamArn ?? '';
      if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
      checkpoints = await openCheckpoints(streamArn, options.checkpointFile);
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      for (const w of waiters.splice(0)) w.resolve({ caughtUp: false, handed: 0 });
      dynamo.destroy();
      streams.destroy();
    },
    async drain(timeoutMs = 15_000) {
      // Shorter than jest's test timeout, so a stuck drain fails with this message rather than a bare timeout.
      const deadline = Date.now() + timeoutMs;
      const within = <T>(promise: Promise<T>) =>
        beforeDeadline(
          promise,
          deadline,
          () =>
            `drain timed out after ${timeoutMs} ms: the stream is not caught up or a relay retry is pending` +
            (lastPollError.message ? ` (last poll error: ${lastPollError.message})` : ''),
        );
      // Rounds: read everything up to now, let the consumers finish; stop once a round found nothing new and
      // nothing was still running downstream (consumers may write outbox events of their own, which the next
      // round picks up; that includes consumers started by a background pass before this drain began).
      for (;;) {
        let result: PassResult;
        let downstreamWorked = false;
        do {
          result = await within(nextPass());
          if ((await within(options.downstreamIdle())) === true) downstreamWorked = true;
        } while (!result.caughtUp);
        if (result.handed === 0 && !downstreamWorked) return;
      }
    },
  };
}
