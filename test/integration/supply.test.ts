import { clockControl } from '#shared/clock';
import { shiftPeriod } from '#functions/supply/domain/period';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createPartner, type Created } from '#test/helpers/fixtures';

// integration: the supply context over HTTP on DynamoDB Local: products, inventory sharing, sell-through that
// replaces, versioned partner commits, the forecast job (planner -> queue -> workers), demand-shift and cover
// alerts through the performance alert store, and partner isolation. The clock is moved, never waited for.

let api: TestApi;
let a: Created;
let b: Created;
const SKU = 'LUM-CAM-1';
const SKU2 = 'LUM-HUB-2';

beforeAll(async () => {
  clockControl.freeze(new Date('2026-07-15T08:00:00Z'));
  api = await startTestApi();
  a = await createPartner(api);
  b = await createPartner(api);
});
afterAll(async () => {
  clockControl.reset();
  await api.stop();
});

const vendor = () => api.token('manager', undefined, 'mara');
const partnerAdmin = (p: Created) => api.token('partner-admin', p.id);

/** 24 months ending 2026-06, seasonal with a mild trend. */
function history(base: number, months = 24, last = '2026-06'): { sku: string; period: string; units: number }[] {
  const first = shiftPeriod(last, -(months - 1));
  return Array.from({ length: months }, (_, t) => {
    const period = shiftPeriod(first, t);
    const month = Number(period.slice(5));
    return {
      sku: SKU,
      period,
      units: Math.round(base * (1 + 0.25 * Math.sin((2 * Math.PI * month) / 12)) + t * 0.5 + ((t * 37) % 7) - 3),
    };
  });
}

describe('supply', () => {
  it('keeps a product catalog the vendor writes and everyone reads', async () => {
    for (const [sku, name] of [
      [SKU, 'Lumen Cam'],
      [SKU2, 'Lumen Hub'],
    ] as const) {
      const res = await api.call('POST', '/v1/products', {
        token: vendor(),
        body: { sku, name, family: 'cameras', unit: 'pcs', leadTimeDays: 21 },
      });
      expect(res.status).toBe(201);
    }
    expect(
      (
        await api.call('POST', '/v1/products', {
          token: vendor(),
          body: { sku: SKU, name: 'x', family: 'x', unit: 'pcs', leadTimeDays: 1 },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await api.call('POST', '/v1/products', {
          token: partnerAdmin(a),
          body: { sku: 'P-1', name: 'x', family: 'x', unit: 'pcs', leadTimeDays: 1 },
        })
      ).status,
    ).toBe(403);
    const list = await api.call('GET', '/v1/products', { token: partnerAdmin(a) });
    expect((list.body as { items: { sku: string }[] }).items.map((p) => p.sku)).toEqual([SKU, SKU2]);
  });

  it('changes a product on the version read: the hub family moves, its lead time stays', async () => {
    const patch = (body: unknown, ifMatch?: string, token = vendor()) =>
      api.call('PATCH', `/v1/products/${SKU2}`, { token, body, headers: { 'if-match': ifMatch } });
    expect((await patch({ family: 'hubs' })).status).toBe(428);
    expect((await patch({ family: 'hubs' }, '"9"')).status).toBe(412);
    expect((await patch({ family: 'hubs' }, '"1"', partnerAdmin(a))).status).toBe(403);
    const empty = await patch({}, '"1"');
    expect(empty.status).toBe(400);
    const changed = await patch({ family: 'hubs' }, '"1"');
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    const read = await api.call('GET', `/v1/products/${SKU2}`, { token: partnerAdmin(a) });
    expect(read.body).toMatchObject({ sku: SKU2, family: 'hubs', leadTimeDays: 21, version: 2 });
    const audit = (await api.tableItems()).filter((i) => i.type === 'AuditEntry' && i.action === 'product.updated');
    expect(audit.map((e) => e.changes)).toEqual([{ family: { from: 'cameras', to: 'hubs' } }]);
  });

  it('publishes inventory with If-Match on updates and shows partners only what is shared with them', async () => {
    const put = (sku: string, location: string, body: unknown, ifMatch?: string) =>
      api.call('PUT', `/v1/inventory/${sku}/${location}`, { token: vendor(), body, headers: { 'if-match': ifMatch } });
    const created = await put(SKU, 'DE-HAM', {
      onHand: 100,
      allocated: 20,
      inbound: [{ qty: 50, eta: '2026-08-01' }],
      sharedWith: [a.id],
    });
    expect(created.status).toBe(201); // a PUT that creates answers 201 with Location
    expect(created.headers.etag).toBe('"1"');
    expect((created.body as { available: number }).available).toBe(80);
    expect((await put(SKU, 'DE-HAM', { onHand: 90, allocated: 20, sharedWith: [a.id] })).status).toBe(428);
    expect((await put(SKU, 'DE-HAM', { onHand: 90, allocated: 20, sharedWith: [a.id] }, '"7"')).status).toBe(412);
    const updated = await put(
      SKU,
      'DE-HAM',
      { onHand: 90, allocated: 20, inbound: [{ qty: 50, eta: '2026-08-01' }], sharedWith: [a.id] },
      '"1"',
    );
    expect(updated.status).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect((await put(SKU, 'SG-SIN', { onHand: 5000, allocated: 0, sharedWith: 'all' })).status).toBe(201);
    expect((await put(SKU, 'US-DAL', { onHand: 700, allocated: 0 })).status).toBe(201); // vendor only
    expect((await put('NOPE', 'DE-HAM', { onHand: 1, allocated: 0 })).status).toBe(404);

    const seen = async (token: string) =>
      (
        (await api.call('GET', `/v1/inventory?sku=${SKU}`, { token })).body as {
          items: { location: string; sharedWith?: unknown }[];
        }
      ).items;
    expect((await seen(vendor())).map((l) => l.location)).toEqual(['DE-HAM', 'SG-SIN', 'US-DAL']);
    const forA = await seen(partnerAdmin(a));
    expect(forA.map((l) => l.location)).toEqual(['DE-HAM', 'SG-SIN']);
    expect(forA.every((l) => l.sharedWith === undefined)).toBe(true);
    expect((await seen(partnerAdmin(b))).map((l) => l.location)).toEqual(['SG-SIN']);
    const byLocation = await api.call('GET', '/v1/inventory?location=SG-SIN', { token: partnerAdmin(b) });
    expect((byLocation.body as { items: unknown[] }).items).toHaveLength(1);

    // One level: the vendor reads it with its sharing and ETag; A without the sharing list; B not at all.
    const one = (token: string) => api.call('GET', `/v1/inventory/${SKU}/DE-HAM`, { token });
    const forVendor = await one(vendor());
    expect(forVendor.headers.etag).toBe('"2"');
    expect(forVendor.body).toMatchObject({ available: 70, sharedWith: [a.id] });
    expect((await one(partnerAdmin(a))).body).not.toHaveProperty('sharedWith');
    const hidden = await one(partnerAdmin(b));
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain(a.id);
  });

  it('takes sell-through per record; a re-sent record replaces, never adds', async () => {
    const res = await api.call('POST', `/v1/partners/${a.id}/sales`, {
      token: partnerAdmin(a),
      body: {
        records: [
          ...history(200),
          { sku: 'NOPE', period: '2026-05', units: 1 },
          { sku: SKU, period: '2026-13', units: 1 },
          { sku: SKU, period: '2026-09', units: 1 },
        ],
      },
    });
    expect(res.status).toBe(200);
    const summary = res.body as { accepted: number; replaced: number; rejected: { index: number; error: string }[] };
    expect(summary.accepted).toBe(24);
    expect(summary.rejected.map((r) => r.index)).toEqual([24, 25, 26]);

    const again = await api.call('POST', `/v1/partners/${a.id}/sales`, {
      token: partnerAdmin(a),
      body: { records: [{ sku: SKU, period: '2026-06', units: 999 }] },
    });
    expect(again.body).toEqual({ accepted: 1, replaced: 1, rejected: [] });
    const series = await api.call('GET', `/v1/partners/${a.id}/sales/${SKU}?from=2026-05&to=2026-06`, {
      token: partnerAdmin(a),
    });
    expect(
      (series.body as { items: { period: string; units: number }[] }).items.map((p) => [p.period, p.units]),
    ).toEqual([
      ['2026-05', history(200).find((h) => h.period === '2026-05')!.units],
      ['2026-06', 999],
    ]);
    // Put the true figure back (replace again), and give partner B its own series.
    await api.call('POST', `/v1/partners/${a.id}/sales`, {
      token: partnerAdmin(a),
      body: { records: history(200).slice(-1) },
    });
    const resB = await api.call('POST', `/v1/partners/${b.id}/sales`, {
      token: partnerAdmin(b),
      body: { records: history(80) },
    });
    expect((resB.body as { accepted: number }).accepted).toBe(24);
  });

  it('versions partner commits with If-Match (428 / 412) and keeps every version', async () => {
    const path = `/v1/partners/${a.id}/forecasts/${SKU}`;
    const body = (units: number) => ({
      granularity: 'month',
      periods: [0, 1, 2].map((k) => ({ period: shiftPeriod('2026-07', k), units })),
    });
    const first = await api.call('PUT', path, { token: partnerAdmin(a), body: body(230) });
    expect(first.status).toBe(201); // a PUT that creates answers 201 with Location
    expect(first.headers.etag).toBe('"1"');
    expect((await api.call('PUT', path, { token: partnerAdmin(a), body: body(240) })).status).toBe(428);
    expect(
      (await api.call('PUT', path, { token: partnerAdmin(a), body: body(240), headers: { 'if-match': '"3"' } })).status,
    ).toBe(412);
    const second = await api.call('PUT', path, {
      token: partnerAdmin(a),
      body: body(240),
      headers: { 'if-match': '"1"' },
    });
    expect(second.headers.etag).toBe('"2"');
    expect(
      (
        await api.call('PUT', path, {
          token: partnerAdmin(a),
          body: { granularity: 'week', periods: [{ period: '2026-08', units: 1 }] },
        })
      ).status,
    ).toBe(400);
    expect((await api.call('PUT', path, { token: api.token('partner-user', a.id), body: body(1) })).status).toBe(403);
  });

  it('runs the forecast job: statistical forecast with intervals, consensus, no alert on normal demand', async () => {
    const summary = (await api.runJob('forecast')) as { series: number; batches: number };
    expect(summary.series).toBe(2);
    // What the workers did, not only what the planner sent.
    expect(summary).toMatchObject({ fitted: 2, reused: 0, tooShort: 0, failed: 0, alertsRaised: 0 });
    const res = await api.call('GET', `/v1/partners/${a.id}/forecasts/${SKU}`, { token: partnerAdmin(a) });
    expect(res.status).toBe(200);
    const view = res.body as {
      history: unknown[];
      commit: { version: number };
      commitHistory: unknown[];
      statistical: {
        origin: string;
        model: string;
        mase: number;
        points: { period: string; point: number; lo80: number; hi80: number; lo95: number; hi95: number }[];
      };
      consensus: {
        weights: { stat: number; partner: number; basis: string };
        points: { period: string; units: number; stat: number; partner?: number }[];
      };
    };
    expect(view.history).toHaveLength(24);
    expect(view.commit.version).toBe(2);
    expect(view.commitHistory).toHaveLength(2);
    expect(view.statistical.origin).toBe('2026-06');
    expect(view.statistical.points).toHaveLength(12);
    expect(view.statistical.points[0]!.period).toBe('2026-07');
    for (const p of view.statistical.points) {
      expect(p.lo95).toBeLessThanOrEqual(p.lo80);
      expect(p.lo80).toBeLessThanOrEqual(p.point);
      expect(p.point).toBeLessThanOrEqual(p.hi80);
      expect(p.hi80).toBeLessThanOrEqual(p.hi95);
    }
    expect(typeof view.statistical.model).toBe('string');
    expect(view.statistical.mase).toBeGreaterThan(0);
    expect(view.consensus.weights).toMatchObject({ stat: 0.5, partner: 0.5, basis: 'default' });
    const july = view.consensus.points[0]!;
    expect(july.partner).toBe(240);
    expect(july.units).toBeCloseTo((july.stat + 240) / 2, 1);

    const alerts = await api.call('GET', `/v1/partners/${a.id}/alerts`, { token: partnerAdmin(a) });
    expect((alerts.body as { items: { kind?: string }[] }).items.filter((x) => x.kind === 'demand-shift')).toEqual([]);

    const summaryRes = await api.call('GET', `/v1/forecasts/summary?sku=${SKU}&period=2026-07`, { token: vendor() });
    expect(summaryRes.status).toBe(200);
    const row = (
      summaryRes.body as {
        items: { periods: { partners: number; committed: number; gap: number }[]; cover: unknown[] }[];
      }
    ).items[0]!;
    expect(row.periods[0]).toMatchObject({ partners: 2, committed: 240 });
    expect(row.cover).toHaveLength(3);
    expect((await api.call('GET', '/v1/forecasts/summary', { token: partnerAdmin(a) })).status).toBe(403);
  });

  it('flags a demand shift once, to both sides, and resolves nothing twice', async () => {
    clockControl.freeze(new Date('2026-09-10T08:00:00Z'));
    const shifted = [
      { sku: SKU, period: '2026-07', units: 900 },
      { sku: SKU, period: '2026-08', units: 950 },
    ];
    expect(
      (await api.call('POST', `/v1/partners/${a.id}/sales`, { token: partnerAdmin(a), body: { records: shifted } }))
        .status,
    ).toBe(200);
    const shiftRun = await api.runJob('forecast');
    const rerun = await api.runJob('forecast');
    await api.drainEvents();
    expect(shiftRun).toMatchObject({ alertsRaised: 1, failed: 0 });
    expect(rerun).toMatchObject({ fitted: 0, reused: 2, alertsRaised: 0 });

    const mine = await api.call('GET', `/v1/partners/${a.id}/alerts?status=open`, { token: partnerAdmin(a) });
    const shiftsA = (mine.body as { items: { kind?: string; dedupKey: string; detail: string }[] }).items.filter(
      (x) => x.kind === 'demand-shift',
    );
    expect(shiftsA).toHaveLength(1);
    expect(shiftsA[0]!.dedupKey).toBe(`${a.id}:${SKU}:demand-shift:month`);
    expect(shiftsA[0]!.detail).toContain('2026-07, 2026-08');
    const inbox = await api.call('GET', '/v1/alerts', { token: vendor() });
    expect(
      (inbox.body as { items: { kind?: string; partnerId: string }[] }).items.filter(
        (x) => x.kind === 'demand-shift' && x.partnerId === a.id,
      ),
    ).toHaveLength(1);

    const items = await api.tableItems();
    const events = items.filter((i) => i.type === 'OutboxEvent' && i.detailType === 'DemandShiftDetected');
    expect(events).toHaveLength(1);
    // Partner B's demand was normal: nothing for B.
    const mineB = await api.call('GET', `/v1/partners/${b.id}/alerts`, { token: partnerAdmin(b) });
    expect((mineB.body as { items: { kind?: string }[] }).items.filter((x) => x.kind === 'demand-shift')).toEqual([]);
  });

  it('raises cover below lead time with a suggested replenishment, once, in the hourly check', async () => {
    // Act: DE-HAM (shared with A only) holds 70 available: far below 21 days of A's new demand.
    const first = await api.runJob('cover-check');
    const second = await api.runJob('cover-check');

    // Assess: A's own alert, and the vendor's network alert for the same location (A is all it serves).
    expect(first).toMatchObject({ raised: 2 });
    expect(second).toMatchObject({ raised: 0, updated: 2 });
    const items = await api.tableItems();
    const cover = items.filter((i) => i.type === 'Alert' && i.kind === 'cover-below-lead-time');
    expect(cover.map((c) => c.location)).toEqual(['DE-HAM']);
    expect(cover[0]!.partnerId).toBe(a.id);
    expect(Number(cover[0]!.suggestedReplenishment)).toBeGreaterThan(0);
    const events = items.filter((i) => i.type === 'OutboxEvent' && i.detailType === 'CoverBelowLeadTime');
    expect(events.map((e) => (e.detail as { partnerId?: string }).partnerId ?? 'network').sort()).toEqual(
      [a.id, 'network'].sort(),
    );
  });

  it('never shows a partner another partner’s sales or forecasts', async () => {
    const tokenB = partnerAdmin(b);
    for (const path of [
      `/v1/partners/${a.id}/sales/${SKU}`,
      `/v1/partners/${a.id}/forecasts/${SKU}`,
      `/v1/partners/${a.id}/alerts`,
    ]) {
      expect((await api.call('GET', path, { token: tokenB })).status).toBe(404);
    }
    expect(
      (await api.call('POST', `/v1/partners/${a.id}/sales`, { token: tokenB, body: { records: history(1) } })).status,
    ).toBe(404);
    const own = await api.call('GET', `/v1/partners/${b.id}/forecasts/${SKU}`, { token: tokenB });
    expect(own.status).toBe(200);
    const text = JSON.stringify(own.body);
    expect(text).not.toContain(a.id);
    expect((own.body as { commit?: unknown }).commit).toBeUndefined();
  });

  it('resolves the cover alert once stock is replenished, telling both sides once', async () => {
    // Prepare: DE-HAM gets enough stock for far more than the 21-day lead time at A's demand.
    const levels = await api.call('GET', `/v1/inventory?sku=${SKU}&location=DE-HAM`, { token: vendor() });
    const [level] = (levels.body as { items: { version: number }[] }).items;
    const restock = await api.call('PUT', `/v1/inventory/${SKU}/DE-HAM`, {
      token: vendor(),
      body: { onHand: 20_000, allocated: 20, sharedWith: [a.id] },
      headers: { 'if-match': `"${level!.version}"` },
    });
    expect(restock.status).toBe(200);

    // Act
    await api.runJob('cover-check');
    await api.runJob('cover-check');
    await api.drainEvents();

    // Assess
    const alerts = await api.call('GET', `/v1/partners/${a.id}/alerts`, { token: partnerAdmin(a) });
    const cover = (alerts.body as { items: { kind?: string; status: string; location?: string }[] }).items.filter(
      (x) => x.kind === 'cover-below-lead-time',
    );
    expect(cover.map((c) => [c.location, c.status])).toEqual([['DE-HAM', 'resolved']]);
    // The demand shift persists (sales did not change), so its alert stays open.
    const shift = (alerts.body as { items: { kind?: string; status: string }[] }).items.filter(
      (x) => x.kind === 'demand-shift',
    );
    expect(shift.map((x) => x.status)).toEqual(['firing']);
    // A's alert and the vendor's network alert for DE-HAM, each resolved once.
    const resolvedEvents = (await api.tableItems()).filter(
      (i) => i.type === 'OutboxEvent' && i.detailType === 'AlertResolved',
    );
    expect(resolvedEvents.map((e) => (e.detail as { partnerId?: string }).partnerId ?? 'network').sort()).toEqual(
      [a.id, 'network'].sort(),
    );
  });
});
