import { clockControl } from '#shared/clock';
import { shiftPeriod } from '#functions/supply/domain/period';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createPartner, type Created } from '#test/helpers/fixtures';

// integration: a sell-through report larger than one transaction. The first transaction (the shared commit)
// carries the Idempotency-Key, the rest go through the bulk commit: each transaction has its audit entry, a retry
// with the same key replays the first answer, and every touched series joins the forecast index.

let api: TestApi;
let partner: Created;
const SKUS = ['BULK-1', 'BULK-2', 'BULK-3'];

beforeAll(async () => {
  clockControl.freeze(new Date('2026-07-15T08:00:00Z'));
  api = await startTestApi();
  partner = await createPartner(api);
});
afterAll(async () => {
  clockControl.reset();
  await api.stop();
});

const vendor = () => api.token('manager', undefined, 'mara');

it('stores 150 records in two transactions, replays a retry and indexes every series', async () => {
  // Prepare
  for (const sku of SKUS) {
    const res = await api.call('POST', '/v1/products', {
      token: vendor(),
      body: { sku, name: sku, family: 'bulk', unit: 'pcs', leadTimeDays: 7 },
    });
    expect(res.status).toBe(201);
  }
  const records = SKUS.flatMap((sku, s) =>
    Array.from({ length: 50 }, (_, t) => ({ sku, period: shiftPeriod('2022-05', t), units: 10 + t + s })),
  );
  const token = api.token('partner-admin', partner.id);
  const send = (headers?: Record<string, string>) =>
    api.call('POST', `/v1/partners/${partner.id}/sales`, { token, body: { records }, ...(headers ? { headers } : {}) });
  const headers = { 'idempotency-key': 'sales-bulk-retry-0001' };

  // Act
  const first = await send(headers);
  const retry = await send(headers);
  const again = await send();

  // Assess
  expect(first.status).toBe(200);
  expect(first.body).toEqual({ accepted: 150, replaced: 0, rejected: [] });
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.body).toEqual(first.body);
  expect(again.body).toEqual({ accepted: 150, replaced: 150, rejected: [] });

  const audit = await api.call('GET', `/v1/audit?partnerId=${partner.id}&limit=50`, { token: vendor() });
  const notes = (audit.body as { items: { action: string; note?: string }[] }).items
    .filter((entry) => entry.action === 'sales.reported')
    .map((entry) => entry.note)
    .sort();
  expect(notes).toEqual([
    '52 record(s) 2026-05..2026-06',
    '52 record(s) 2026-05..2026-06',
    '98 record(s) 2022-05..2026-04',
    '98 record(s) 2022-05..2026-04',
  ]);

  const sales = await api.call('GET', `/v1/partners/${partner.id}/sales/BULK-2?limit=100`, { token });
  expect((sales.body as { items: unknown[] }).items).toHaveLength(50);
  const planned = (await api.runJob('forecast')) as { series: number };
  expect(planned.series).toBe(SKUS.length);
});
