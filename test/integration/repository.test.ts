import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, metered, tableName } from '#shared/db/client';
import { getItems } from '#shared/db/repository';
import { startTestApi, type TestApi } from '#test/helpers/local-api';

// integration: reading many items by key on DynamoDB Local, as the SLA worker, sales reporting and the
// dashboard do: every existing item once, missing keys left out, 100 keys per request.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const key = (i: number) => ({ PK: `TEST#getItems`, SK: `ITEM#${String(i).padStart(4, '0')}` });

describe('getItems', () => {
  it('returns each existing item of 250 keys in 3 requests, and nothing for keys without an item', async () => {
    // Prepare: items 0..199 exist; 200..249 do not.
    const present = Array.from({ length: 200 }, (_, i) => ({ ...key(i), type: 'Test', n: i, note: 'x'.repeat(100) }));
    for (let start = 0; start < present.length; start += 25) {
      await db().send(
        new BatchWriteCommand({
          RequestItems: { [tableName()]: present.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    }
    const wanted = Array.from({ length: 250 }, (_, i) => key(i));

    // Act
    const { result, dynamoRequests } = await metered(() => getItems<{ n: number }>(wanted));
    const narrowed = await getItems(wanted.slice(190, 210), { attributes: ['PK', 'SK'] });

    // Assess
    expect(result.map((item) => item.n).sort((a, b) => a - b)).toEqual(present.map((item) => item.n));
    expect(dynamoRequests).toBe(3);
    expect(narrowed.map((item) => item.SK).sort()).toEqual(present.slice(190, 200).map((item) => item.SK));
    expect(narrowed.every((item) => Object.keys(item).sort().join() === 'PK,SK')).toBe(true);
    expect(await getItems([])).toEqual([]);
  });
});
