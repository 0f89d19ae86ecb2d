import { metered } from '#shared/db/client';
import { applyBounds, commitBatch, type BulkUnit } from '#shared/db/bulk';
import { getItem } from '#shared/db/repository';
import { systemContext } from '#shared/context';
import { ConflictError } from '#shared/errors';
import { startTestApi, type TestApi } from '#test/helpers/local-api';

// integration: the bulk variant of the shared commit on DynamoDB Local, as metric ingestion and sales reports use
// it: units packed into transactions of at most 100 items with adds to one item merged, claims that set aside
// what is already stored, the commit's condition meanings, and one-way bounds.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const ctx = systemContext('bulk-test', 'run-1');
const counter = (suite: string) => ({ PK: `TEST#bulk#${suite}`, SK: 'COUNTER' });

/** Unit i: claims its own item and adds 1 (and i) to the suite's counter. */
function unit(suite: string, i: number): BulkUnit & { i: number } {
  return {
    i,
    writes: [
      { kind: 'claim', item: { PK: `TEST#bulk#${suite}`, SK: `ITEM#${String(i).padStart(4, '0')}`, type: 'Test', i } },
      { kind: 'add', key: counter(suite), add: { count: 1, sum: i }, set: { type: 'TestCounter' } },
    ],
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

describe('commitBatch', () => {
  it('packs 150 units sharing a counter into two transactions, one audit entry each', async () => {
    // Prepare
    const audited: number[] = [];
    const units = range(0, 150).map((i) => unit('pack', i));

    // Act
    const { result, dynamoRequests } = await metered(() =>
      commitBatch(ctx, units, {
        audit: (written) => {
          audited.push(written.length);
          return { action: 'test.bulk', entityType: 'test', entityId: 'pack', note: `${written.length} unit(s)` };
        },
      }),
    );

    // Assess: the counter item is shared, so a transaction holds it, the audit entry and 98 claims.
    expect(dynamoRequests).toBe(2);
    expect(audited).toEqual([98, 52]);
    expect(result.written.map((u) => u.i)).toEqual(range(0, 150));
    expect(result.existing).toEqual([]);
    expect(await getItem(counter('pack'))).toMatchObject({ count: 150, sum: (149 * 150) / 2, type: 'TestCounter' });
  });

  it('sets aside units whose claim is stored, with the stored item, and counts only the others', async () => {
    // Prepare
    await commitBatch(
      ctx,
      range(0, 10).map((i) => unit('claims', i)),
    );

    // Act: 0..9 again (stored), 10..14 new
    const result = await commitBatch(
      ctx,
      range(0, 15).map((i) => unit('claims', i)),
    );

    // Assess
    expect(result.written.map((u) => u.i)).toEqual(range(10, 15));
    expect(result.existing.map((e) => e.unit.i).sort((a, b) => a - b)).toEqual(range(0, 10));
    expect(result.existing.every((e) => e.stored?.i === e.unit.i)).toBe(true);
    expect(await getItem(counter('claims'))).toMatchObject({ count: 15 });
  });

  it('fails as commit does on any other condition, writing nothing of the transaction', async () => {
    // Prepare
    const taken = { PK: 'TEST#bulk#conflict', SK: 'TAKEN', type: 'Test' };
    await commitBatch(ctx, [{ writes: [{ kind: 'put', item: taken }] }]);

    // Act
    const attempt = commitBatch(ctx, [
      unit('conflict', 1),
      { writes: [{ kind: 'put', item: taken, ifAbsent: true, onConflict: () => new ConflictError('taken') }] },
    ]);

    // Assess
    await expect(attempt).rejects.toThrow('taken');
    expect(await getItem(counter('conflict'))).toBeUndefined();
  });
});

describe('applyBounds', () => {
  it('moves a minimum down and a maximum up only, and never creates the item', async () => {
    // Prepare
    await commitBatch(ctx, [unit('bounds', 1)]);
    const key = counter('bounds');

    // Act
    await applyBounds([
      { kind: 'bound', key, field: 'min', value: 5, keep: 'min' },
      { kind: 'bound', key, field: 'max', value: 5, keep: 'max' },
    ]);
    await applyBounds([
      { kind: 'bound', key, field: 'min', value: 7, keep: 'min' },
      { kind: 'bound', key, field: 'max', value: 3, keep: 'max' },
      { kind: 'bound', key: counter('absent'), field: 'max', value: 1, keep: 'max' },
    ]);
    await applyBounds([
      { kind: 'bound', key, field: 'min', value: 2, keep: 'min' },
      { kind: 'bound', key, field: 'max', value: 9, keep: 'max' },
    ]);

    // Assess
    expect(await getItem(key)).toMatchObject({ min: 2, max: 9 });
    expect(await getItem(counter('absent'))).toBeUndefined();
  });
});
