import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { systemContext } from '#shared/context';
import { CreatePartnerInput } from '#functions/partners/domain/partner';
import { localDynamoClient } from '#infra/local/dynamo';
import { startLocalRuntime, type LocalRuntime, type SeededPartner } from '#infra/local/runtime';
import { pollUntil } from '#infra/local/wait';

// integration: a starting runtime (`npm start` while it seeds) tells readiness probes and clients it is not
// ready, until the seed and the events it caused have gone through; then it answers as usual.

const endpoint = process.env.ACCORD_TEST_DYNAMO_ENDPOINT!;
const tableName = `test-local-readiness-${randomBytes(3).toString('hex')}`;
let runtime: LocalRuntime | undefined;

afterAll(async () => {
  await runtime?.stop();
  const client = localDynamoClient(endpoint);
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
});

async function get(url: string, path: string) {
  const res = await fetch(`${url}${path}`);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

describe('a starting local runtime', () => {
  it('answers 503 {"status":"starting"} on /v1/health until the seed and its events are done, then 200', async () => {
    // Prepare: a seed step that waits for the test, as a long demo seed on a busy machine does.
    let finishSeed!: () => void;
    const seedMayFinish = new Promise<void>((resolve) => {
      finishSeed = resolve;
    });
    let url: string | undefined;
    const starting = startLocalRuntime({
      port: 0,
      dynamoEndpoint: endpoint,
      tableName,
      quiet: true,
      onListening: (listening) => {
        url = listening.url;
      },
      seed: async (): Promise<{ partners: SeededPartner[] }> => {
        const { createPartner } = await import('#functions/partners/partners');
        const input = CreatePartnerInput.parse({
          name: 'Seeded Reseller',
          kind: 'reseller',
          country: 'DE',
          timezone: 'Europe/Berlin',
          ownerManager: 'owner@vendor.example',
        });
        const partner = await createPartner(systemContext('seed', 'seed-test'), input);
        await seedMayFinish;
        return { partners: [{ id: partner.id, name: partner.name }] };
      },
    });

    // Act + Assess: while the seed runs.
    const base = await pollUntil(async () => url, { timeoutMs: 60_000, what: 'the gateway to listen' });
    const health = await get(base, '/v1/health');
    expect(health).toMatchObject({
      status: 503,
      type: 'application/json',
      retryAfter: '1',
      body: { status: 'starting' },
    });
    const api = await get(base, '/v1/partners');
    expect(api).toMatchObject({
      status: 503,
      type: 'application/problem+json',
      body: { status: 503, title: 'Starting' },
    });
    expect((await get(base, '/local/token?role=admin')).status).toBe(200);

    // Act + Assess: once the seed is done, ready, with the seed's events already through the notifier.
    finishSeed();
    runtime = await starting;
    expect(runtime.seeded.map((p) => p.name)).toEqual(['Seeded Reseller']);
    expect(runtime.mail.list({ to: 'owner@vendor.example' })).toHaveLength(1);
    expect(await get(base, '/v1/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  }, 120_000);
});
