import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, localDynamoClient } from '#infra/local/dynamo';
import { createLogger } from '#infra/local/log';
import { createStreamPoller, type StreamPoller } from '#infra/local/stream-poller';
import { batches } from '#test/fixtures/recording-relay';

// integration: the stream poller against DynamoDB Local's real stream, with a recording relay
// (the event source mapping's behaviour, independent of the real relay and consumers).
const endpoint = process.env.ACCORD_TEST_DYNAMO_ENDPOINT ?? '';
const tableName = `test-stream-poller-${randomBytes(3).toString('hex')}`;
let client: DynamoDBClient;
let poller: StreamPoller;
let downstreamCalls = 0;
/** What "the consumers" do while a drain waits for them; true: they were busy. */
let downstream: (() => Promise<boolean>) | undefined;

beforeAll(async () => {
  if (!endpoint)
    throw new Error('ACCORD_TEST_DYNAMO_ENDPOINT is not set: run through jest (global-setup starts DynamoDB Local)');
  client = localDynamoClient(endpoint);
  await ensureTable(client, tableName);
  poller = createStreamPoller({
    endpoint,
    tableName,
    region: 'eu-west-1',
    relay: {
      name: 'recording-relay',
      entry: 'test/fixtures/recording-relay.ts',
      trigger: 'table-stream',
      description: 'test',
      access: {},
    },
    log: createLogger('stream', true),
    downstreamIdle: async () => {
      downstreamCalls++;
      return downstream ? downstream() : false;
    },
    intervalMs: 50,
  });
  await poller.start();
});
afterAll(async () => {
  await poller?.stop();
  await client?.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client?.destroy();
});

const put = (pk: string, type: string, extra: Record<string, { BOOL: boolean }> = {}) =>
  client.send(
    new PutItemCommand({ TableName: tableName, Item: { PK: { S: pk }, SK: { S: 'X' }, type: { S: type }, ...extra } }),
  );

describe('stream poller', () => {
  it('hands only outbox inserts to the relay, and drain waits for them and for the bus', async () => {
    await put('OUTBOX#1', 'OutboxEvent');
    await put('P#1', 'Partner');
    await put('OUTBOX#2', 'OutboxEvent');
    await put('OUTBOX#1', 'OutboxEvent'); // a MODIFY: filtered out like INSERT-only filter criteria
    await poller.drain();
    expect(batches.flat()).toEqual(['OUTBOX#1', 'OUTBOX#2']);
    expect(downstreamCalls).toBeGreaterThan(0);
  });

  it('re-delivers from the first failed record of a partial batch failure', async () => {
    batches.length = 0;
    await put('OUTBOX#3', 'OutboxEvent');
    await put('OUTBOX#4', 'OutboxEvent', { failOnce: { BOOL: true } });
    await put('OUTBOX#5', 'OutboxEvent');
    await poller.drain();
    const delivered = batches.flat();
    // 3 is never delivered twice; 4 and 5 are, after 4 failed.
    expect(delivered.filter((pk) => pk === 'OUTBOX#3')).toHaveLength(1);
    expect(delivered.filter((pk) => pk === 'OUTBOX#4')).toHaveLength(2);
    expect(delivered.lastIndexOf('OUTBOX#5')).toBeGreaterThan(delivered.lastIndexOf('OUTBOX#4'));
    expect(poller.failedBatches).toHaveLength(0);
  });

  it('keeps draining while consumers were busy: what they write is drained too', async () => {
    // Prepare: consumers still running when the drain starts (a background pass handed them an event) write an
    // outbox event of their own; the drain's first pass has found nothing new by then.
    batches.length = 0;
    let busy = true;
    downstream = async () => {
      if (!busy) return false;
      busy = false;
      await put('OUTBOX#6', 'OutboxEvent');
      return true;
    };

    try {
      // Act
      await poller.drain();
    } finally {
      downstream = undefined;
    }

    // Assess
    expect(batches.flat()).toContain('OUTBOX#6');
  });
});
