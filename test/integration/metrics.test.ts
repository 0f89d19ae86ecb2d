import { clockControl } from '#shared/clock';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createPartner } from '#test/helpers/fixtures';

// integration: metric ingestion, rollups and series over real HTTP on DynamoDB Local.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  clockControl.reset();
  await api.stop();
});

const hourAgo = (minutes: number) => new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - 3600_000 + minutes * 60_000).toISOString();

describe('metric ingestion', () => {
  it('accepts good points, reports bad ones by index, and rolls them up per hour', async () => {
    const partner = await createPartner(api);
    const token = api.token('partner-user', partner.id);
    const res = await api.call('POST', `/v1/partners/${partner.id}/metrics`, {
      token,
      body: {
        points: [
          { metric: 'csat', at: hourAgo(5), value: 4.6 },
          { metric: 'csat', at: hourAgo(10), value: 3.9 },
          { metric: 'tickets.answered_4h', at: hourAgo(15), good: 18, total: 20 },
          { metric: 'csat', at: hourAgo(20), value: 'great' },
          { metric: 'tickets.answered_4h', at: hourAgo(25), good: 21, total: 20 },
          { metric: 'csat', at: new Date(Date.now() + 3600_000).toISOString(), value: 5 },
          { metric: 'CSAT!', at: hourAgo(30), value: 4 },
        ],
      },
    });
    expect(res.status).toBe(200);
    const body = res.body as { accepted: number; duplicates: number; rejected: { index: number; error: string }[] };
    expect(body.accepted).toBe(3);
    expect(body.rejected.map((r) => r.index)).toEqual([3, 4, 5, 6]);
    expect(body.rejected[1]!.error).toMatch(/good must not exceed total/);
    expect(body.rejected[2]!.error).toMatch(/future/);

    const series = await api.call('GET', `/v1/partners/${partner.id}/metrics/csat?resolution=hour`, { token });
    const points = (series.body as { points: { count: number; avg: number; min: number; max: number }[] }).points;
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ count: 2, min: 3.9, max: 4.6 });
    expect(points[0]!.avg).toBeCloseTo(4.25);
    const tickets = await api.call('GET', `/v1/partners/${partner.id}/metrics/tickets.answered_4h?resolution=day`, { token });
    expect((tickets.body as { points: { good: number; total: number; ratio: number }[] }).points[0]).toMatchObject({ good: 18, total: 20, ratio: 0.9 });
  });

  it('never double-counts a retried batch, with or without client ids', async () => {
    const partner = await createPartner(api);
    const token = api.token('partner-admin', partner.id);
    const points = [
      { metric: 'tickets.answered_4h', at: hourAgo(1), good: 9, total: 10, id: 'batch-7-1' },
      { metric: 'tickets.answered_4h', at: hourAgo(2), good: 5, total: 10 },
    ];
    const first = await api.call('POST', `/v1/partners/${partner.id}/metrics`, { token, body: { points } });
    const retry = await api.call('POST', `/v1/partners/${partner.id}/metrics`, { token, body: { points } });
    const concurrent = await Promise.all([1, 2, 3].map(() => api.call('POST', `/v1/partners/${partner.id}/metrics`, { token, body: { points } })));
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(retry.body).toMatchObject({ accepted: 0, duplicates: 2 });
    concurrent.forEach((r) => expect(r.body).toMatchObject({ accepted: 0, duplicates: 2 }));
    const series = await api.call('GET', `/v1/partners/${partner.id}/metrics/tickets.answered_4h?resolution=hour`, { token });
    expect((series.body as { points: { good: number; total: number }[] }).points).toEqual([expect.objectContaining({ good: 14, total: 20 })]);
  });

  it('adds concurrent batches for the same hour without losing any', async () => {
    const partner = await createPartner(api);
    const token = api.token('partner-admin', partner.id);
    await Promise.all(
      Array.from({ length: 6 }, (_, batch) =>
        api.call('POST', `/v1/partners/${partner.id}/metrics`, {
          token,
          body: { points: Array.from({ length: 10 }, (_, i) => ({ metric: 'csat', at: hourAgo(batch * 10 + i), value: 4 + (i % 2) / 2 })) },
        }),
      ),
    );
    const series = await api.call('GET', `/v1/partners/${partner.id}/metrics/csat`, { token });
    expect((series.body as { points: { count: number; sum: number }[] }).points).toEqual([expect.objectContaining({ count: 60, sum: 255 })]);
  });

  it('keeps other partners out and refuses an oversized batch', async () => {
    const partner = await createPartner(api);
    const other = await createPartner(api);
    const token = api.token('partner-admin', other.id);
    const foreign = await api.call('POST', `/v1/partners/${partner.id}/metrics`, { token, body: { points: [{ metric: 'csat', at: hourAgo(1), value: 4 }] } });
    expect(foreign.status).toBe(404);
    const big = await api.call('POST', `/v1/partners/${other.id}/metrics`, {
      token,
      body: { points: Array.from({ length: 501 }, () => ({ metric: 'x1', at: hourAgo(1), value: 1 })) },
    });
    expect(big.status).toBe(400);
    expect((big.body as { errors: { path: string }[] }).errors[0]!.path).toBe('body.points');
  });

  it('announces each batch once for on-ingest evaluation', async () => {
    const partner = await createPartner(api);
    await api.call('POST', `/v1/partners/${partner.id}/metrics`, { token: api.token('partner-user', partner.id), body: { points: [{ metric: 'csat', at: hourAgo(3), value: 4.4 }] } });
    const events = (await api.tableItems()).filter((i) => i.detailType === 'MetricsIngested' && (i.detail as { partnerId: string }).partnerId === partner.id);
    expect(events).toHaveLength(1);
    expect((events[0]!.detail as { data: unknown }).data).toMatchObject({ metrics: ['csat'], points: 1 });
  });
});

describe('metric catalog', () => {
  it('lets the vendor define metrics once and everyone read them', async () => {
    const define = (token: string) =>
      api.call('POST', '/v1/metrics', { token, body: { name: 'fill-rate', displayName: 'Fill rate', unit: '%', kind: 'ratio', direction: 'higher-is-better' } });
    expect((await define(api.token('manager'))).status).toBe(201);
    expect((await define(api.token('manager'))).status).toBe(409);
    const partner = await createPartner(api);
    expect((await define(api.token('partner-admin', partner.id))).status).toBe(403);
    const list = await api.call('GET', '/v1/metrics', { token: api.token('partner-user', partner.id) });
    expect((list.body as { items: { name: string }[] }).items.map((m) => m.name)).toContain('fill-rate');
  });
});
