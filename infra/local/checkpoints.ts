import { readFile } from 'node:fs/promises';
import { isMissing, writeFileAtomic } from '#infra/local/state-files';

/**
 * Where the stream poller has got to, per shard: the last sequence number handed over (or done, for a closed
 * shard read to its end). In the data dir when there is one, so a restart neither loses nor replays
 * everything; in memory otherwise. Bound to a stream ARN: a recreated table starts afresh.
 */

export interface ShardCheckpoint {
  sequenceNumber?: string;
  done?: boolean;
}

export interface CheckpointStore {
  get(shardId: string): ShardCheckpoint | undefined;
  set(shardId: string, checkpoint: ShardCheckpoint): Promise<void>;
}

interface FileContent {
  streamArn: string;
  shards: Record<string, ShardCheckpoint>;
}

export async function openCheckpoints(streamArn: string, file?: string): Promise<CheckpointStore> {
  let content: FileContent = { streamArn, shards: {} };
  if (file) {
    try {
      const saved = JSON.parse(await readFile(file, 'utf8')) as FileContent;
      if (saved.streamArn === streamArn) content = saved;
    } catch (error) {
      // A missing file is a first start; a corrupt one is ignored rather than blocking start-up.
      if (!isMissing(error) && !(error instanceof SyntaxError)) throw error;
    }
  }
  // Writes are chained so an older checkpoint can never land after a newer one.
  let writing: Promise<void> = Promise.resolve();
  return {
    get: (shardId) => content.shards[shardId],
    set(shardId, checkpoint) {
      content.shards[shardId] = checkpoint;
      if (!file) return Promise.resolve();
      const snapshot = JSON.stringify(content, null, 2);
      writing = writing.catch(() => undefined).then(() => writeFileAtomic(file, snapshot));
      return writing;
    },
  };
}
