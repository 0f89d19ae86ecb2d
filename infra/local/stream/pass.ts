import type { ShardReader } from '#infra/local/stream/reader';
import type { RelayDelivery } from '#infra/local/stream/relay';
import { shardTurn, type Shard, type ShardDirectory } from '#infra/local/stream/shards';

/** One pass over the stream: every shard whose turn it is is read until caught up, a few batches at most. */

export interface PassResult {
  /** Nothing was left to read (no shard waiting on a parent or a retry either). */
  caughtUp: boolean;
  /** Records handed to the relay. */
  handed: number;
}

/** Batches one shard may hand over in a pass before the next shard's turn (fairness). */
const BATCHES_PER_TURN = 10;

export interface StreamPassParts {
  directory: ShardDirectory;
  reader: ShardReader;
  delivery: RelayDelivery;
  batchSize: number;
}

export class StreamPass {
  constructor(private readonly parts: StreamPassParts) {}

  /** `forceRefresh`: look for new shards now (a drain must not miss one created a moment ago). */
  async run(forceRefresh: boolean): Promise<PassResult> {
    const { directory } = this.parts;
    await directory.refreshIfDue(forceRefresh);
    let caughtUp = true;
    let handed = 0;
    for (const shard of directory.shards.values()) {
      const turn = shardTurn(shard, directory.shards, Date.now());
      if (turn === 'done') continue;
      if (turn === 'waiting') {
        caughtUp = false;
        continue;
      }
      const result = await this.readShard(shard);
      caughtUp &&= result.caughtUp;
      handed += result.handed;
    }
    return { caughtUp, handed };
  }

  /** Reads one shard until it has nothing new (caught up) or a few batches were handed over. */
  private async readShard(shard: Shard): Promise<PassResult> {
    const { reader, delivery, batchSize } = this.parts;
    let handed = 0;
    for (let batch = 0; batch < BATCHES_PER_TURN; batch++) {
      const read = await reader.read(shard, batchSize);
      if (read === 'closed') return this.finish(shard, handed);
      if (read === 'lost') continue;
      if (read.records.length === 0) {
        if (!read.next) return this.finish(shard, handed);
        // DynamoDB Local numbers stream records across all tables of its shared database. An iterator
        // taken on a still empty shard points at the next number, which another table's write can take;
        // reading it then fails as "trimmed". Until the first record, reopen at TRIM_HORIZON each pass.
        shard.iterator = shard.position.type === 'TRIM_HORIZON' ? undefined : read.next;
        return { caughtUp: true, handed };
      }
      const delivered = await delivery.deliver(shard, read.records);
      handed += delivered.handed;
      if (!delivered.ok) return { caughtUp: false, handed };
      shard.iterator = read.next;
      if (!shard.iterator) return this.finish(shard, handed);
    }
    return { caughtUp: false, handed };
  }

  private async finish(shard: Shard, handed: number): Promise<PassResult> {
    await this.parts.directory.finish(shard);
    return { caughtUp: true, handed };
  }
}
