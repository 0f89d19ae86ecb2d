import { clockControl } from '#shared/clock';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createPartner } from '#test/helpers/fixtures';

// integration: scorecards and the vendor dashboard from real ingestion, evaluation and alerts.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  clockControl.reset();
  await api.stop();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

async function slaOn(partnerId: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await api.call('POST', `/v1/partners/${partnerId}/slas`, { token: api.token('manager'), body });
  if (res.status !== 201) throw new Error(`SLA not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

describe('scorecards', () => {
  it('shows compliance, the KPI against its target, error budget, alerts and a health score', async () => {
    const partner = await createPartner(api);
    await api.call('POST', `/v1/partners/${partner.id}/status`, {
      token: api.token('admin'),
      body: { status: 'onboarding', reason: 'go' },
      headers: { 'if-match': '"1"' },
    });
    const csat = await slaOn(partner.id, {
      kind: 'threshold',
      metric: 'csat',
      aggregate: 'avg',
      comparator: '>=',
      target: 4.2,
      window: 'PT1H',
      severity: 'warning',
    });
    const tickets = await slaOn(partner.id, {
      kind: 'ratio',
      metric: 'tickets.answered_4h',
      target: 90,
      window: 'P30D',
      severity: 'critical',
    });
    const token = api.token('partner-user', partner.id);
    await api.call('POST', `/v1/partners/${partner.id}/metrics`, {
      token,
      body: {
        points: [
          { metric: 'csat', at: minutesAgo(30), value: 3.5 },
          { metric: 'csat', at: minutesAgo(20), value: 3.9 },
          { metric: 'tickets.answered_4h', at: minutesAgo(25), good: 95, total: 100 },
        ],
      },
    });
    await api.drainEvents();

    const res = await api.call('GET', `/v1/partners/${partner.id}/scorecard`, { token });
    expect(res.status).toBe(200);
    const card = res.body as {
      healthScore: number;
      slas: {
        slaId: string;
        compliance?: number;
        errorBudgetLeft?: number;
        kpi?: { value: number; met: boolean };
        alertsRaised: number;
      }[];
      alerts: { raised: { warning: number }; open: { warning: number } };
    };
    const csatCard = card.slas.find((s) => s.slaId === csat.id)!;
    expect(csatCard.kpi).toMatchObject({ value: 3.7, met: false });
    expect(csatCard.alertsRaised).toBe(1);
    const ticketCard = card.slas.find((s) => s.slaId === tickets.id)!;
    expect(ticketCard).toMatchObject({ compliance: 95, errorBudgetLeft: 0.5 });
    expect(card.alerts.open.warning).toBe(1);
    expect(card.healthScore).toBeGreaterThanOrEqual(0);
    expect(card.healthScore).toBeLessThan(100);
  });

  it('ranks partners on the vendor dashboard after the daily job, and keeps it from partners', async () => {
    const partner = await createPartner(api, { name: 'Dashboard Dealer' });
    await api.call('POST', `/v1/partners/${partner.id}/status`, {
      token: api.token('admin'),
      body: { status: 'onboarding', reason: 'go' },
      headers: { 'if-match': '"1"' },
    });
    await slaOn(partner.id, {
      kind: 'threshold',
      metric: 'csat',
      aggregate: 'avg',
      comparator: '>=',
      target: 4.5,
      window: 'PT1H',
      severity: 'critical',
    });
    await api.call('POST', `/v1/partners/${partner.id}/metrics`, {
      token: api.token('partner-admin', partner.id),
      body: { points: [{ metric: 'csat', at: minutesAgo(10), value: 2 }] },
    });
    await api.drainEvents();
    const summary = (await api.runJob('scorecards')) as { scored: number };
    expect(summary.scored).toBeGreaterThanOrEqual(1);

    const res = await api.call('GET', '/v1/dashboard', { token: api.token('admin') });
    expect(res.status).toBe(200);
    const board = res.body as {
      partnersByHealth: Record<string, number>;
      openAlerts: { critical: number };
      worst: { partnerId: string; name: string; openCritical: number }[];
    };
    expect(board.openAlerts.critical).toBeGreaterThanOrEqual(1);
    expect(board.worst.map((w) => w.name)).toContain('Dashboard Dealer');
    expect(board.worst.find((w) => w.partnerId === partner.id)!.openCritical).toBe(1);
    expect(Object.values(board.partnersByHealth).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);

    expect((await api.call('GET', '/v1/dashboard', { token: api.token('partner-admin', partner.id) })).status).toBe(
      403,
    );
    const other = await createPartner(api);
    expect(
      (await api.call('GET', `/v1/partners/${partner.id}/scorecard`, { token: api.token('partner-admin', other.id) }))
        .status,
    ).toBe(404);
  });

  it('lists the partners behind each dashboard figure, by health band or SLA compliance, page by page', async () => {
    const breaching = await createPartner(api, { name: 'Breaching Reseller' });
    const steady = await createPartner(api, { name: 'Steady Reseller' });
    for (const [partner, value] of [
      [breaching, 1],
      [steady, 5],
    ] as const) {
      await api.call('POST', `/v1/partners/${partner.id}/status`, {
        token: api.token('admin'),
        body: { status: 'onboarding', reason: 'go' },
        headers: { 'if-match': '"1"' },
      });
      await slaOn(partner.id, {
        kind: 'threshold',
        metric: 'csat',
        aggregate: 'avg',
        comparator: '>=',
        target: 4.5,
        window: 'PT1H',
        severity: 'critical',
      });
      await api.call('POST', `/v1/partners/${partner.id}/metrics`, {
        token: api.token('partner-admin', partner.id),
        body: { points: [{ metric: 'csat', at: minutesAgo(10), value }] },
      });
    }
    await api.drainEvents();
    await api.runJob('scorecards');
    const token = api.token('manager');
    type Row = { partnerId: string; name: string; health: string; healthScore?: number; lowestCompliance?: number };
    const list = async (query: string) => {
      const res = await api.call('GET', `/v1/scorecards?${query}`, { token });
      expect(res.status).toBe(200);
      return res.body as { period: string; items: Row[]; nextCursor?: string };
    };

    const all = await list('limit=100');
    const bad = all.items.find((r) => r.partnerId === breaching.id)!;
    const good = all.items.find((r) => r.partnerId === steady.id)!;
    expect(bad.name).toBe('Breaching Reseller');
    expect(good.health).toBe('healthy');
    expect(bad.healthScore!).toBeLessThan(good.healthScore!);
    // Worst first, as on the dashboard.
    const scores = all.items.flatMap((r) => (r.healthScore === undefined ? [] : [r.healthScore]));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));

    // The band's figure and its list agree, and a partner of another band is not in it.
    const board = (await api.call('GET', '/v1/dashboard', { token })).body as {
      partnersByHealth: Record<string, number>;
    };
    for (const band of ['healthy', 'at-risk', 'critical', 'no-data']) {
      const rows = (await list(`health=${band}&limit=100`)).items;
      expect(rows.every((r) => r.health === band)).toBe(true);
      expect(rows).toHaveLength(board.partnersByHealth[band] ?? 0);
    }
    expect((await list(`health=${bad.health}&limit=100`)).items.map((r) => r.partnerId)).not.toContain(steady.id);

    const topBucket = (await list(`compliance=${encodeURIComponent('>=99')}&limit=100`)).items;
    expect(topBucket.map((r) => r.partnerId)).toContain(steady.id);
    expect(topBucket.map((r) => r.partnerId)).not.toContain(breaching.id);

    // One at a time through the cursor: every partner once.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(`limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((r) => r.partnerId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((r) => r.partnerId));

    const refused = await api.call('GET', '/v1/scorecards?health=purple', { token });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('query.health');
    expect((await api.call('GET', '/v1/scorecards', { token: api.token('partner-admin', steady.id) })).status).toBe(
      403,
    );
  });

  it('refuses a period in the future', async () => {
    const partner = await createPartner(api);
    const res = await api.call('GET', `/v1/partners/${partner.id}/scorecard?period=2099-01`, {
      token: api.token('admin'),
    });
    expect(res.status).toBe(400);
    expect((res.body as { errors: { path: string }[] }).errors[0]!.path).toBe('query.period');
  });
});
