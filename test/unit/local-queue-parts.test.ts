import { batchFailures, nextVisibleAt, takeBatch } from '#infra/local/queue/batch';
import { MAX_MESSAGE_BYTES, serialise } from '#infra/local/queue/message';
import { afterFailure } from '#infra/local/queue/retry';

// unit: the pure parts of the local work queues: the retry decision (the redrive policy), how waiting messages
// become a batch, how a worker's partial batch response is read, and how messages are serialised.

const policy = { maxReceiveCount: 3, baseDelayMs: 100 };
const at = (id: string, visibleAt: number) => ({ id, visibleAt });

describe('afterFailure (the redrive policy)', () => {
  it('retries after a backoff that doubles with each receive', () => {
    // Act + Assess
    expect(afterFailure(policy, 1, 1_000, false)).toEqual({ action: 'retry', visibleAt: 1_100 });
    expect(afterFailure(policy, 2, 1_000, false)).toEqual({ action: 'retry', visibleAt: 1_200 });
  });

  it('dead-letters at maxReceiveCount receives, and at once while the runtime is stopping', () => {
    // Act + Assess
    expect(afterFailure(policy, 3, 1_000, false)).toEqual({ action: 'dead-letter' });
    expect(afterFailure(policy, 4, 1_000, false)).toEqual({ action: 'dead-letter' });
    expect(afterFailure(policy, 1, 1_000, true)).toEqual({ action: 'dead-letter' });
  });
});

describe('takeBatch', () => {
  it('takes up to the batch size of the visible messages, in queue order, leaving the rest in order', () => {
    // Prepare
    const waiting = [at('a', 0), at('later', 500), at('b', 10), at('c', 100), at('d', 100)];

    // Act
    const { batch, rest } = takeBatch(waiting, 3, 100);

    // Assess
    expect(batch.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(rest.map((m) => m.id)).toEqual(['later', 'd']);
  });

  it('takes nothing while every message waits out its backoff', () => {
    // Act
    const { batch, rest } = takeBatch([at('a', 200)], 3, 100);

    // Assess
    expect(batch).toEqual([]);
    expect(rest).toHaveLength(1);
  });
});

describe('nextVisibleAt', () => {
  it('is the earliest visibility, or undefined when nothing waits', () => {
    // Act + Assess
    expect(nextVisibleAt([at('a', 300), at('b', 200)])).toBe(200);
    expect(nextVisibleAt([])).toBeUndefined();
  });
});

describe('batchFailures (a partial batch response)', () => {
  const ids = ['m1', 'm2', 'm3'];

  it('reads no response, or an empty list, as every record succeeded', () => {
    // Act + Assess
    expect(batchFailures(undefined, ids)).toEqual({ failed: new Set() });
    expect(batchFailures({ batchItemFailures: [] }, ids)).toEqual({ failed: new Set() });
  });

  it('fails only the records reported', () => {
    // Act + Assess
    expect(batchFailures({ batchItemFailures: [{ itemIdentifier: 'm2' }] }, ids)).toEqual({ failed: new Set(['m2']) });
  });

  it('fails the whole batch on an identifier that is empty or not in the batch', () => {
    // Act
    const unknown = batchFailures({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'x' }] }, ids);
    const empty = batchFailures({ batchItemFailures: [{ itemIdentifier: '' }] }, ids);

    // Assess
    expect(unknown).toEqual({ failed: new Set(ids), invalid: ['m2', 'x'] });
    expect(empty.failed).toEqual(new Set(ids));
  });
});

describe('serialise', () => {
  it('turns every message into its JSON body', () => {
    // Act + Assess
    expect(serialise('q', [{ id: 1 }, 'two'])).toEqual(['{"id":1}', '"two"']);
  });

  it('refuses the whole send for a message that is not JSON or is bigger than SQS takes', () => {
    // Act + Assess
    expect(() => serialise('q', [{ id: 1 }, undefined])).toThrow('message 1 to q is not JSON-serialisable');
    expect(() => serialise('q', ['x'.repeat(MAX_MESSAGE_BYTES)])).toThrow(`exceeds ${MAX_MESSAGE_BYTES} bytes`);
  });
});
