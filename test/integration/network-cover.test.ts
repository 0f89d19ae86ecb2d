import { clockControl } from '#shared/clock';
import { shiftPeriod } from '#functions/supply/domain/period';
import type { OutboxMail } from '#infra/local/mail-outbox';
import { createPartner, type Created } from '#test/helpers/fixtures';
import { startTestApi, type TestApi } from '#test/helpers/local-api';

// integration: a location two partners draw on runs short of the network's demand while each partner alone
// looks covered. The vendor gets one program alert (never a partner), handles it under /v1/alerts, and the
// hourly check resolves it once the stock is back. The clock is moved, never waited for.

let api: TestApi;
let a: Created;
let b: Created;
const SKU = 'NET-CAM-1';

interface AlertView {
  id: string;
  kind?: string;
  partnerId?: string;
  status: string;
  occurrences?: number;
  location?: string;
  partnersServed?: number;
  suggestedReplenishment?: number;
  version: number;
}

beforeAll(async () => {
  clockControl.freeze(new Date('2026-07-15T08:00:00Z'));
  api = await startTestApi();
  a = await createPartner(api);
  b = await createPartner(api);
  const vendor = api.token('manager');
  expect(
    (
      await api.call('POST', '/v1/products', {
        token: vendor,
        body: { sku: SKU, name: 'Net cam', family: 'cameras', unit: 'pcs', leadTimeDays: 21 },
      })
    ).status,
  ).toBe(201);
  // Two years of steady demand, about 300 a month (10 a day) for each partner.
  for (const partner of [a, b]) {
    const records = Array.from({ length: 24 }, (_, t) => ({
      sku: SKU,
      period: shiftPeriod('2026-06', t - 23),
      units: 300 + ((t % 3) - 1) * 3,
    }));
    expect(
      (
        await api.call('POST', `/v1/partners/${partner.id}/sales`, {
          token: api.token('partner-admin', partner.id),
          body: { records },
        })
      ).status,
    ).toBe(200);
  }
  await api.runJob('forecast');
  // 350 available: 35 days for either partner alone, about 17 for both.
  expect((await level({ onHand: 400, allocated: 50, sharedWith: 'all' })).status).toBe(201); // created
});
afterAll(async () => {
  clockControl.reset();
  await api.stop();
});

async function level(body: Record<string, unknown>, ifMatch?: string) {
  return api.call('PUT', `/v1/inventory/${SKU}/HUB-EU`, {
    token: api.token('manager'),
    body,
    ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
  });
}

async function inbox(): Promise<AlertView[]> {
  const res = await api.call('GET', '/v1/alerts?status=open', { token: api.token('manager') });
  return (res.body as { items: AlertView[] }).items.filter((x) => x.kind === 'network-cover-below-lead-time');
}

describe('network cover', () => {
  it('raises one program alert for the vendor when the partners together would empty the location within the lead time', async () => {
    // Act
    const first = (await api.runJob('cover-check')) as { raised: number };
    const second = (await api.runJob('cover-check')) as { raised: number; updated: number };
    await api.drainEvents();

    // Assess
    expect([first.raised, second.raised, second.updated]).toEqual([1, 0, 1]);
    const alerts = await inbox();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'firing', location: 'HUB-EU', partnersServed: 2 });
    expect(alerts[0]!.partnerId).toBeUndefined();
    expect(alerts[0]!.suggestedReplenishment).toBeGreaterThan(0);
    // Neither partner, each covered on its own, has a cover alert of its own for the hub.
    for (const partner of [a, b]) {
      const own = await api.call('GET', `/v1/partners/${partner.id}/alerts`, {
        token: api.token('partner-admin', partner.id),
      });
      expect((own.body as { items: AlertView[] }).items.filter((x) => x.kind?.includes('cover'))).toEqual([]);
    }
    // The vendor's summary shows the same network cover.
    const summary = await api.call('GET', `/v1/forecasts/summary?sku=${SKU}`, { token: api.token('manager') });
    const cover = (
      summary.body as { items: { cover: { location: string; belowLeadTime: boolean; partnersServed: number }[] }[] }
    ).items[0]!.cover;
    expect(cover).toEqual([expect.objectContaining({ location: 'HUB-EU', belowLeadTime: true, partnersServed: 2 })]);
    // Only the vendor side hears of it: the partner-team topic, no partner's inbox.
    const mail = ((await api.call('GET', '/local/outbox-mail')).body as { items: OutboxMail[] }).items.filter(
      (m) => m.event === 'AlertRaised' && m.subject.includes(SKU),
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toEqual(['partner-team']);
    expect(mail[0]!.partnerId).toBeUndefined();
    expect(mail[0]!.text).toContain(`Alert: /v1/alerts/${alerts[0]!.id}`);
  });

  it('reminds the vendor every 4 hours while nobody acknowledges it', async () => {
    // Act: an hour later nothing new; five hours after the raise a reminder.
    clockControl.freeze(new Date('2026-07-15T09:00:00Z'));
    const later = (await api.runJob('cover-check')) as { renotified: number };
    clockControl.freeze(new Date('2026-07-15T13:00:00Z'));
    const reminded = (await api.runJob('cover-check')) as { renotified: number };
    await api.drainEvents();

    // Assess
    expect([later.renotified, reminded.renotified]).toEqual([0, 1]);
    const [alert] = await inbox();
    expect(alert).toMatchObject({ status: 'firing', occurrences: 4 });
    const events = (await api.tableItems()).filter(
      (i) => i.type === 'OutboxEvent' && i.detailType === 'AlertRenotified',
    );
    expect(events).toHaveLength(1);
  });

  it('is read and acknowledged by the vendor under /v1/alerts, and hidden from partners', async () => {
    // Prepare
    const [alert] = await inbox();
    const path = `/v1/alerts/${alert!.id}`;

    // Act
    const read = await api.call('GET', path, { token: api.token('manager') });
    const asPartner = await api.call('GET', path, { token: api.token('partner-admin', a.id) });
    const ackByPartner = await api.call('POST', `${path}/acknowledge`, {
      token: api.token('partner-admin', a.id),
      headers: { 'if-match': read.headers.etag },
    });
    const ack = await api.call('POST', `${path}/acknowledge`, {
      token: api.token('manager'),
      headers: { 'if-match': read.headers.etag },
    });

    // Assess
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: alert!.id, kind: 'network-cover-below-lead-time' });
    expect(asPartner.status).toBe(403);
    expect(ackByPartner.status).toBe(403);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged' });
    // A partner's alert id is not a program alert.
    expect((await api.call('GET', `/v1/alerts/${a.id}`, { token: api.token('manager') })).status).toBe(404);
    // Acknowledged: still tracked, no more reminders.
    clockControl.freeze(new Date('2026-07-15T18:00:00Z'));
    expect(await api.runJob('cover-check')).toMatchObject({ updated: 1, renotified: 0 });
  });

  it('resolves once the location is restocked, telling the vendor once', async () => {
    // Prepare
    const levels = await api.call('GET', `/v1/inventory/${SKU}/HUB-EU`, { token: api.token('manager') });
    expect((await level({ onHand: 5000, allocated: 50, sharedWith: 'all' }, levels.headers.etag)).status).toBe(200);

    // Act
    const first = (await api.runJob('cover-check')) as { resolved: number };
    const second = (await api.runJob('cover-check')) as { resolved: number };
    await api.drainEvents();

    // Assess
    expect([first.resolved, second.resolved]).toEqual([1, 0]);
    expect(await inbox()).toEqual([]);
    const resolved = (await api.tableItems()).filter(
      (i) => i.type === 'OutboxEvent' && i.detailType === 'AlertResolved',
    );
    expect(resolved).toHaveLength(1);
  });

  it('moves a partner’s own cover alert with the sharing: unshared, it resolves; the newly served partner gets one', async () => {
    // Prepare: 100 for A alone: 10 days at its own demand.
    const levels = await api.call('GET', `/v1/inventory/${SKU}/HUB-EU`, { token: api.token('manager') });
    expect((await level({ onHand: 100, allocated: 0, sharedWith: [a.id] }, levels.headers.etag)).status).toBe(200);
    await api.runJob('cover-check');
    const shortForA = await api.call('GET', `/v1/inventory/${SKU}/HUB-EU`, { token: api.token('manager') });

    // Act: the hub now serves B instead.
    expect((await level({ onHand: 100, allocated: 0, sharedWith: [b.id] }, shortForA.headers.etag)).status).toBe(200);
    await api.runJob('cover-check');

    // Assess
    const coverOf = async (partner: Created) => {
      const res = await api.call('GET', `/v1/partners/${partner.id}/alerts`, {
        token: api.token('partner-admin', partner.id),
      });
      return (res.body as { items: AlertView[] }).items
        .filter((x) => x.kind === 'cover-below-lead-time')
        .map((x) => x.status);
    };
    expect(await coverOf(a)).toEqual(['resolved']);
    expect(await coverOf(b)).toEqual(['firing']);
  });
});
