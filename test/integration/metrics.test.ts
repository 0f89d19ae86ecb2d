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

const hourAgo = (minutes: number) =>
  new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - 3600_000 + minutes * 60_000).toISOString();

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
    const tickets = await api.call('GET', `/v1/partners/${partner.id}/metrics/tickets.answered_4h?resolution=day`, {
      token,
    });
    expect((tickets.body as { points: { good: number; total: number; ratio: number }[] }).points[0]).toMatchObject({
      good: 18,
      total: 20,
      ratio: 0.9,
    });
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
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => api.call('POST', `/v1/partners/${partner.id}/metrics`, { token, body: { points } })),
    );
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(retry.body).toMatchObject({
      accepted: 0,
      duplicates: 2,
      duplicated: [{ index: 0, id: 'batch-7-1' }, { index: 1 }],
    });
    concurrent.forEach((r) => expect(r.body).toMatchObject({ accepted: 0, duplicates: 2 }));
    const series = await api.call('GET', `/v1/partners/${partner.id}/metrics/tickets.answered_4h?resolution=hour`, {
      token,
    });
    expect((series.body as { points: { good: number; total: number }[] }).points).toEqual([
      expect.objectContaining({ good: 14, total: 20 }),
    ]);
  });

  it('adds concurrent batches for the same hour without losing any', async () => {
    const partner = await createPartner(api);
    const token = api.token('partner-admin', partner.id);
    await Promise.all(
      Array.from({ length: 6 }, (_, batch) =>
        api.call('POST', `/v1/partners/${partner.id}/metrics`, {
          token,
          body: {
            points: Array.from({ length: 10 }, (_, i) => ({
              metric: 'csat',
              at: hourAgo(batch * 10 + i),
              value: 4 + (i % 2) / 2,
            })),
          },
        }),
      ),
    );
    const series = await api.call('GET', `/v1/partners/${partner.id}/metrics/csat`, { token });
    expect((series.body as { points: { count: number; sum: number }[] }).points).toEqual([
      expect.objectContaining({ count: 60, sum: 255 }),
    ]);
  });

  it('keeps other partners out and refuses an oversized batch', async () => {
    const partner = await createPartner(api);
    const other = await createPartner(api);
    const token = api.token('partner-admin', other.id);
    const foreign = await api.call('POST', `/v1/partners/${partner.id}/metrics`, {
      token,
      body: { points: [{ metric: 'csat', at: hourAgo(1), value: 4 }] },
    });
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
    await api.call('POST', `/v1/partners/${partner.id}/metrics`, {
      token: api.token('partner-user', partner.id),
      body: { points: [{ metric: 'csat', at: hourAgo(3), value: 4.4 }] },
    });
    const events = (await api.tableItems()).filter(
      (i) => i.detailType === 'MetricsIngested' && (i.detail as { partnerId: string }).partnerId === partner.id,
    );
    expect(events).toHaveLength(1);
    expect((events[0]!.detail as { data: unknown }).data).toMatchObject({ metrics: ['csat'], points: 1 });
  });
});

type Summary = {
  accepted: number;
  duplicates: number;
  duplicated: { index: number; id?: string }[];
  rejected: { index: number }[];
};

describe('metric point identity', () => {
  it('counts a point once per id within the partner and metric, whatever time or reading a retry carries', async () => {
    const partner = await createPartner(api);
    const other = await createPartner(api);
    const token = api.token('partner-admin', partner.id);
    const send = (points: unknown[], as = token, to = partner.id) =>
      api.call('POST', `/v1/partners/${to}/metrics`, { token: as, body: { points } });

    const first = await send([{ metric: 'csat', at: hourAgo(10), value: 4, id: 'call-81' }]);
    const moved = await send([{ metric: 'csat', at: hourAgo(-30), value: 4, id: 'call-81' }]);
    const changed = await send([{ metric: 'csat', at: hourAgo(10), value: 1, id: 'call-81' }]);
    const otherMetric = await send([{ metric: 'nps', at: hourAgo(10), value: 30, id: 'call-81' }]);
    const otherPartner = await send(
      [{ metric: 'csat', at: hourAgo(10), value: 2, id: 'call-81' }],
      api.token('partner-admin', other.id),
      other.id,
    );
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 0, duplicated: [] });
    for (const retry of [moved, changed])
      expect(retry.body).toMatchObject({ accepted: 0, duplicates: 1, duplicated: [{ index: 0, id: 'call-81' }] });
    expect(otherMetric.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(otherPartner.body).toMatchObject({ accepted: 1, duplicates: 0 });

    // The first report wins: neither the moved time nor the changed reading reached the rollups or min/max.
    const series = await api.call(
      'GET',
      `/v1/partners/${partner.id}/metrics/csat?resolution=hour&from=${hourAgo(-120)}`,
      { token },
    );
    expect((series.body as { points: unknown[] }).points).toEqual([
      expect.objectContaining({ start: hourAgo(0), count: 1, sum: 4, min: 4, max: 4 }),
    ]);
  });

  it('accepts one of concurrent batches that send the same id at different times', async () => {
    const partner = await createPartner(api);
    const token = api.token('partner-admin', partner.id);
    const answers = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        api.call('POST', `/v1/partners/${partner.id}/metrics`, {
          token,
          body: { points: [{ metric: 'aht', at: hourAgo(i * 10), value: i, id: 'race' }] },
        }),
      ),
    );
    const bodies = answers.map((a) => a.body as Summary);
    expect(bodies.map((b) => b.accepted).sort()).toEqual([0, 0, 0, 1]);
    expect(bodies.map((b) => b.duplicates).sort()).toEqual([0, 1, 1, 1]);
    const series = await api.call('GET', `/v1/partners/${partner.id}/metrics/aht`, { token });
    expect((series.body as { points: { count: number }[] }).points).toEqual([expect.objectContaining({ count: 1 })]);
  });

  it('accounts for every point of a batch: repeats are duplicates listed by index, the first of an id wins', async () => {
    const partner = await createPartner(api);
    const token = api.token('partner-user', partner.id);
    const same = { metric: 'csat', at: hourAgo(5), value: 5 };
    const points = [
      same,
      same,
      { metric: 'csat', at: hourAgo(6), value: 2, id: 'a-1' },
      same,
      { metric: 'csat', at: hourAgo(7), value: 'x', id: 'a-1' },
      { metric: 'csat', at: hourAgo(8), value: 1, id: 'a-1' },
    ];
    const res = await api.call('POST', `/v1/partners/${partner.id}/metrics`, { token, body: { points } });
    const body = res.body as Summary;
    expect(body).toMatchObject({
      accepted: 2,
      duplicates: 3,
      duplicated: [{ index: 1 }, { index: 3 }, { index: 5, id: 'a-1' }],
    });
    expect(body.rejected.map((r) => r.index)).toEqual([4]);
    expect(body.accepted + body.duplicates + body.rejected.length).toBe(points.length);
    const series = await api.call('GET', `/v1/partners/${partner.id}/metrics/csat`, { token });
    expect((series.body as { points: unknown[] }).points).toEqual([
      expect.objectContaining({ count: 2, sum: 7, min: 2, max: 5 }),
    ]);
  });
});

describe('metric batch limits', () => {
  // The largest point the schema allows: every string at its maximum length, the id made of characters JSON
  // escapes (the index in binary, `"` and `\`, keeps 500 ids apart), the longest counts.
  const maximalPoint = (i: number) => {
    const at = Date.parse(hourAgo(10));
    const local = new Date(at + 5.5 * 3600_000).toISOString().slice(0, 23);
    const bits = i.toString(2).padStart(9, '0').replace(/0/g, '"').replace(/1/g, '\\');
    return { metric: 'm'.repeat(64), at: `${local}456789+05:30`, id: '"'.repeat(55) + bits, good: 1e9, total: 1e9 };
  };
  const batch = (n: number) => ({ points: Array.from({ length: n }, (_, i) => maximalPoint(i)) });

  it('takes a full batch of maximal points, compact or pretty-printed', async () => {
    const partner = await createPartner(api);
    const token = api.token('partner-admin', partner.id);
    const compact = JSON.stringify(batch(500));
    const pretty = JSON.stringify(batch(500), null, 2);
    expect(Buffer.byteLength(compact)).toBeGreaterThan(64 * 1024);
    const first = await api.call('POST', `/v1/partners/${partner.id}/metrics`, { token, body: compact });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 500, duplicates: 0, rejected: [] });
    const again = await api.call('POST', `/v1/partners/${partner.id}/metrics`, { token, body: pretty });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 500 });
    const series = await api.call('GET', `/v1/partners/${partner.id}/metrics/${'m'.repeat(64)}?resolution=day`, {
      token,
    });
    const days = (series.body as { points: { total: number }[] }).points;
    expect(days.reduce((sum, d) => sum + d.total, 0)).toBe(500 * 1e9);
  });

  it('answers one point over the batch limit with 400, and a body over the byte limit with 413, naming the limit', async () => {
    const partner = await createPartner(api);
    const token = api.token('partner-admin', partner.id);
    const over = await api.call('POST', `/v1/partners/${partner.id}/metrics`, { token, body: batch(501) });
    expect(over.status).toBe(400);
    expect((over.body as { errors: { path: string; message: string }[] }).errors[0]).toMatchObject({
      path: 'body.points',
      message: expect.stringContaining('500') as unknown,
    });
    const huge = await api.call('POST', `/v1/partners/${partner.id}/metrics`, { token, body: batch(700) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ status: 413, detail: expect.stringContaining(String(192 * 1024)) as unknown });
    const series = await api.call('GET', `/v1/partners/${partner.id}/metrics/${'m'.repeat(64)}`, { token });
    expect((series.body as { points: unknown[] }).points).toEqual([]);
  });
});

describe('metric catalog', () => {
  it('lets the vendor define metrics once and everyone read them', async () => {
    const define = (token: string) =>
      api.call('POST', '/v1/metrics', {
        token,
        body: { name: 'fill-rate', displayName: 'Fill rate', unit: '%', kind: 'ratio', direction: 'higher-is-better' },
      });
    expect((await define(api.token('manager'))).status).toBe(201);
    expect((await define(api.token('manager'))).status).toBe(409);
    const partner = await createPartner(api);
    expect((await define(api.token('partner-admin', partner.id))).status).toBe(403);
    const list = await api.call('GET', '/v1/metrics', { token: api.token('partner-user', partner.id) });
    expect((list.body as { items: { name: string }[] }).items.map((m) => m.name)).toContain('fill-rate');
  });
});
