import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { decodeBatch, relayRetryAt } from '#infra/local/stream/batch';
import { pauseAfterPass } from '#infra/local/stream/loop';
import { newShard, shardTurn, type Shard } from '#infra/local/stream/shards';

// unit: the pure parts of the local stream poller: the relay's event filter over a decoded batch, the relay retry
// decision, where a shard starts and when it is read, and the pause between passes.

const arn = 'arn:aws:dynamodb:eu-west-1:000000000000:table/t/stream/2026-01-01T00:00:00.000';

const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', type: string, sequenceNumber: string): _Record => ({
  eventID: `e${sequenceNumber}`,
  eventName,
  dynamodb: {
    SequenceNumber: sequenceNumber,
    Keys: { PK: { S: `P#${sequenceNumber}` } },
    ...(eventName === 'REMOVE' ? {} : { NewImage: { type: { S: type }, data: { B: Uint8Array.from([1, 2]) } } }),
  },
});

describe('decodeBatch (the relay event filter)', () => {
  it('keeps only new OutboxEvent items, and checkpoints past the whole batch', () => {
    // Prepare
    const records = [
      record('INSERT', 'OutboxEvent', '100'),
      record('INSERT', 'Partner', '101'),
      record('MODIFY', 'OutboxEvent', '102'),
      record('INSERT', 'OutboxEvent', '103'),
      record('REMOVE', 'OutboxEvent', '104'),
    ];

    // Act
    const { matching, last } = decodeBatch(records, arn, 'eu-west-1');

    // Assess
    expect(matching.map((r) => r.dynamodb?.SequenceNumber)).toEqual(['100', '103']);
    expect(last).toBe('104');
  });

  it('hands records over as Lambda does: source ARN and region set, binary attributes base64', () => {
    // Act
    const [first] = decodeBatch([record('INSERT', 'OutboxEvent', '7')], arn, 'eu-west-1').matching;

    // Assess
    expect(first).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventSourceARN: arn,
      awsRegion: 'eu-west-1',
      dynamodb: { NewImage: { data: { B: 'AQI=' } } },
    });
  });

  it('has no checkpoint for an empty batch', () => {
    // Act + Assess
    expect(decodeBatch([], arn, 'eu-west-1')).toEqual({ matching: [], last: '' });
  });
});

describe('relayRetryAt', () => {
  it('backs off twice the interval, then four times, then gives up after `retries` attempts', () => {
    // Act + Assess
    expect(relayRetryAt(0, 3, 200, 1_000)).toBe(1_400);
    expect(relayRetryAt(1, 3, 200, 1_000)).toBe(1_800);
    expect(relayRetryAt(2, 3, 200, 1_000)).toBe(2_600);
    expect(relayRetryAt(3, 3, 200, 1_000)).toBeUndefined();
  });
});

describe('newShard', () => {
  it('starts after its checkpoint, at the oldest record without one, and stays done once read to the end', () => {
    // Act
    const saved = newShard('s1', undefined, { sequenceNumber: '42' });
    const fresh = newShard('s2', 's1', undefined);
    const finished = newShard('s3', undefined, { sequenceNumber: '9', done: true });

    // Assess
    expect(saved).toMatchObject({ position: { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: '42' }, done: false });
    expect(fresh).toMatchObject({ parentId: 's1', position: { type: 'TRIM_HORIZON' }, attempts: 0, retryAt: 0 });
    expect(finished.done).toBe(true);
  });
});

describe('shardTurn', () => {
  const shards = (...list: Shard[]) => new Map(list.map((s) => [s.id, s]));

  it('reads a child only once its parent is done', () => {
    // Prepare
    const parent = newShard('parent', undefined, undefined);
    const child = newShard('child', 'parent', undefined);

    // Act + Assess
    expect(shardTurn(child, shards(parent, child), 0)).toBe('waiting');
    parent.done = true;
    expect(shardTurn(child, shards(parent, child), 0)).toBe('ready');
    expect(shardTurn(parent, shards(parent, child), 0)).toBe('done');
  });

  it('reads a child whose parent has aged out of the stream', () => {
    // Act + Assess
    expect(shardTurn(newShard('child', 'gone', undefined), new Map(), 0)).toBe('ready');
  });

  it('waits out a relay retry backoff', () => {
    // Prepare
    const shard = { ...newShard('s', undefined, undefined), retryAt: 1_000 };

    // Act + Assess
    expect(shardTurn(shard, shards(shard), 999)).toBe('waiting');
    expect(shardTurn(shard, shards(shard), 1_000)).toBe('ready');
  });
});

describe('pauseAfterPass', () => {
  it('waits the poll interval unless a drain waits: then none after work, a moment after an empty pass', () => {
    // Act + Assess
    expect(pauseAfterPass(false, 5, 200)).toBe(200);
    expect(pauseAfterPass(true, 5, 200)).toBe(0);
    expect(pauseAfterPass(true, 0, 200)).toBe(25);
  });
});
