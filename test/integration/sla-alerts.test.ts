import { clockControl, nowMs } from '#shared/clock';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createAgreement, createPartner, termsInput, type Created } from '#test/helpers/fixtures';

// integration: SLA definitions and alerts over real HTTP on DynamoDB Local; metric points go in through the
// real ingestion route, the on-ingest evaluator runs from the outbox, and the clock is moved, not waited for.

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  clockControl.reset();
  await api.stop();
});

const MINUTE = 60_000;

type Sla = Created & { status: string; kind: string; metric: string; target?: number; window: string; source: string };
type Alert = Created & {
  status: string;
  severity: string;
  slaId: string;
  measured?: number;
  occurrences: number;
  healthySince?: string;
  resolution?: string;
  acknowledgedBy?: string;
  note?: string;
  dedupKey: string;
};

const vendor = () => api.token('manager', undefined, 'mara');
const slasPath = (partnerId: string) => `/v1/partners/${partnerId}/slas`;
const alertsPath = (partnerId: string) => `/v1/partners/${partnerId}/alerts`;

const csatSla = {
  kind: 'threshold',
  metric: 'csat',
  aggregate: 'avg',
  comparator: '>=',
  target: 4.2,
  window: 'P7D',
  severity: 'warning',
};

async function createSla(partnerId: string, body: Record<string, unknown> = csatSla): Promise<Sla> {
  const res = await api.call('POST', slasPath(partnerId), { token: vendor(), body });
  expect(res.status).toBe(201);
  return res.body as Sla;
}

/** The partner reports values through the ingestion API, `minutesAgo` before the (moved) clock. */
async function reportValues(partnerId: string, metric: string, values: number[], minutesAgo = 1): Promise<void> {
  const at = nowMs() - minutesAgo * MINUTE;
  const points = values.map((value, i) => ({ metric, at: new Date(at - i * 1000).toISOString(), value }));
  const res = await api.call('POST', `/v1/partners/${partnerId}/metrics`, {
    token: api.token('partner-user', partnerId),
    body: { points },
  });
  expect(res.status).toBe(200);
  expect((res.body as { accepted: number }).accepted).toBe(values.length);
}

async function alertsOf(partnerId: string, query = ''): Promise<Alert[]> {
  const res = await api.call('GET', `${alertsPath(partnerId)}${query}`, { token: vendor() });
  expect(res.status).toBe(200);
  return (res.body as { items: Alert[] }).items;
}

type OutboxEvent = { detail: { partnerId?: string; data: unknown } };

async function outbox(detailType: string, partnerId: string): Promise<OutboxEvent[]> {
  const events = (await api.tableItems()).filter(
    (i) =>
      i.type === 'OutboxEvent' &&
      i.detailType === detailType &&
      (i.detail as { partnerId?: string }).partnerId === partnerId,
  );
  return events as OutboxEvent[];
}

/** A monitor tick: the planner, its batches through the local work queue, the workers. */
async function runMonitor(): Promise<void> {
  await api.runJob('sla-monitor');
}

describe('SLA definitions', () => {
  it('creates a direct SLA, reads, lists, tunes it with If-Match and validates per kind', async () => {
    const partner = await createPartner(api);
    const sla = await createSla(partner.id, { ...csatSla, name: 'Customer satisfaction' });
    expect(sla).toMatchObject({
      status: 'active',
      source: 'direct',
      version: 1,
      name: 'Customer satisfaction',
      partnerId: partner.id,
    });

    const partnerUser = api.token('partner-user', partner.id);
    const read = await api.call('GET', `${slasPath(partner.id)}/${sla.id}`, { token: partnerUser });
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(
      ((await api.call('GET', slasPath(partner.id), { token: partnerUser })).body as { items: Sla[] }).items.map(
        (s) => s.id,
      ),
    ).toEqual([sla.id]);

    // The partner reads but does not define SLAs.
    expect(
      (await api.call('POST', slasPath(partner.id), { token: api.token('partner-admin', partner.id), body: csatSla }))
        .status,
    ).toBe(403);
    // Terms are validated as the agreement's are.
    const badRatio = await api.call('POST', slasPath(partner.id), {
      token: vendor(),
      body: { kind: 'ratio', metric: 'tickets.answered_4h', target: 100, window: 'P30D', severity: 'critical' },
    });
    expect(badRatio.status).toBe(400);

    const path = `${slasPath(partner.id)}/${sla.id}`;
    expect((await api.call('PATCH', path, { token: vendor(), body: { target: 4.0 } })).status).toBe(428);
    const tuned = await api.call('PATCH', path, {
      token: vendor(),
      body: { target: 4.0, window: 'P14D' },
      headers: { 'if-match': '"1"' },
    });
    expect(tuned.status).toBe(200);
    expect(tuned.body).toMatchObject({ target: 4.0, window: 'P14D', version: 2 });
    expect(
      (await api.call('PATCH', path, { token: vendor(), body: { target: 3.9 }, headers: { 'if-match': '"1"' } }))
        .status,
    ).toBe(412);

    // A field the kind does not have is named.
    const ratio = await createSla(partner.id, {
      kind: 'ratio',
      metric: 'tickets.answered_4h',
      target: 95,
      window: 'P30D',
      severity: 'critical',
    });
    const wrong = await api.call('PATCH', `${slasPath(partner.id)}/${ratio.id}`, {
      token: vendor(),
      body: { aggregate: 'max', target: 99.5 },
      headers: { 'if-match': '"1"' },
    });
    expect(wrong.status).toBe(400);
    expect((wrong.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('body.aggregate');
    const freshness = await createSla(partner.id, {
      kind: 'freshness',
      metric: 'csat',
      window: 'PT6H',
      severity: 'info',
    });
    const noTarget = await api.call('PATCH', `${slasPath(partner.id)}/${freshness.id}`, {
      token: vendor(),
      body: { target: 3 },
      headers: { 'if-match': '"1"' },
    });
    expect(noTarget.status).toBe(400);
  });

  it('pauses an SLA out of the monitor index (resolving its open alerts) and resumes it', async () => {
    const partner = await createPartner(api);
    const sla = await createSla(partner.id);
    await reportValues(partner.id, 'csat', [2.5, 3]);
    await api.drainEvents();
    const [alert] = await alertsOf(partner.id);
    expect(alert).toMatchObject({ status: 'firing', slaId: sla.id });

    const path = `${slasPath(partner.id)}/${sla.id}`;
    const paused = await api.call('PATCH', path, {
      token: vendor(),
      body: { status: 'paused' },
      headers: { 'if-match': '"1"' },
    });
    expect(paused.status).toBe(200);
    let item = (await api.tableItems()).find((i) => i.type === 'SlaDefinition' && i.id === sla.id)!;
    expect(item.GSI2PK).toBeUndefined();
    expect((await alertsOf(partner.id))[0]).toMatchObject({
      status: 'resolved',
      resolution: 'manual',
      note: 'SLA paused',
    });
    expect(await outbox('AlertResolved', partner.id)).toHaveLength(1);

    // While paused, nothing is evaluated: a new breach raises nothing.
    await reportValues(partner.id, 'csat', [1]);
    await api.drainEvents();
    await runMonitor();
    expect(await alertsOf(partner.id, '?status=open')).toHaveLength(0);

    const resumed = await api.call('PATCH', path, {
      token: vendor(),
      body: { status: 'active' },
      headers: { 'if-match': '"2"' },
    });
    expect(resumed.status).toBe(200);
    item = (await api.tableItems()).find((i) => i.type === 'SlaDefinition' && i.id === sla.id)!;
    expect(item).toMatchObject({ GSI2PK: 'SLAS#active', status: 'active' });
    await runMonitor();
    // A breach after resolve is a new alert.
    const open = await alertsOf(partner.id, '?status=open');
    expect(open).toHaveLength(1);
    expect(open[0]!.id).not.toBe(alert!.id);
  });

  it('refuses changes to an SLA whose agreement ended (409)', async () => {
    const partner = await createPartner(api);
    const partnerAdmin = api.token('partner-admin', partner.id);
    const agreement = await createAgreement(api, partner.id, termsInput({ terminationNoticeDays: 0 }));
    const agreementPath = `/v1/partners/${partner.id}/agreements/${agreement.id}`;
    expect(
      (await api.call('POST', `${agreementPath}/signatures`, { token: vendor(), body: { version: 1 } })).status,
    ).toBe(200);
    const active = (
      await api.call('POST', `${agreementPath}/signatures`, { token: partnerAdmin, body: { version: 1 } })
    ).body as Created & { slaIds: string[] };
    expect(active.slaIds).toHaveLength(2);
    const fromAgreement = (await api.call('GET', `${slasPath(partner.id)}/${active.slaIds[0]}`, { token: vendor() }))
      .body as Sla;
    expect(fromAgreement).toMatchObject({ source: 'agreement', status: 'active', agreementId: agreement.id });

    const ended = await api.call('POST', `${agreementPath}/terminate`, {
      token: vendor(),
      body: { reason: 'Program closed', effectiveAt: new Date(nowMs()).toISOString() },
      headers: { 'if-match': `"${active.version}"` },
    });
    expect(ended.status).toBe(200);
    const retired = await api.call('GET', `${slasPath(partner.id)}/${active.slaIds[0]}`, { token: vendor() });
    expect(retired.body).toMatchObject({ status: 'retired' });
    const change = await api.call('PATCH', `${slasPath(partner.id)}/${active.slaIds[0]}`, {
      token: vendor(),
      body: { status: 'active' },
      headers: { 'if-match': retired.headers.etag },
    });
    expect(change.status).toBe(409);
  });
});

describe('alerts', () => {
  it('raises a firing alert seconds after a breaching batch (no monitor), resolves after the keep-firing window', async () => {
    const partner = await createPartner(api);
    const sla = await createSla(partner.id);
    await reportValues(partner.id, 'csat', [3.1, 3.4, 3.0], 10);
    await api.drainEvents();

    const [alert] = await alertsOf(partner.id);
    expect(alert).toMatchObject({
      status: 'firing',
      severity: 'warning',
      slaId: sla.id,
      occurrences: 1,
      dedupKey: `${partner.id}:csat:${sla.id}:warning`,
    });
    expect(alert!.measured).toBeCloseTo(3.1667, 3);
    expect(await outbox('AlertRaised', partner.id)).toHaveLength(1);
    expect(await outbox('SlaBreached', partner.id)).toHaveLength(1);
    const inbox = (await api.call('GET', '/v1/alerts?severity=warning', { token: vendor() })).body as {
      items: Alert[];
    };
    expect(inbox.items.map((a) => a.id)).toContain(alert!.id);

    // Good values lift the 7-day average: healthy, but the alert keeps firing for 15 minutes.
    await reportValues(
      partner.id,
      'csat',
      Array.from({ length: 20 }, () => 5),
    );
    await api.drainEvents();
    let [current] = await alertsOf(partner.id);
    expect(current).toMatchObject({ status: 'firing' });
    expect(current!.healthySince).toBeDefined();

    clockControl.advanceBy(10 * MINUTE);
    await runMonitor();
    [current] = await alertsOf(partner.id);
    expect(current!.status).toBe('firing');

    clockControl.advanceBy(6 * MINUTE);
    await runMonitor();
    [current] = await alertsOf(partner.id);
    expect(current).toMatchObject({ status: 'resolved', resolution: 'recovered' });
    await api.drainEvents();
    const resolved = await outbox('AlertResolved', partner.id);
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.detail.data).toMatchObject({
      resolution: 'recovered',
      alert: { id: alert!.id, status: 'resolved' },
    });
    expect(await outbox('AlertRaised', partner.id)).toHaveLength(1);

    // Moved from the open partition of the inbox to the resolved one.
    const open = (await api.call('GET', '/v1/alerts', { token: vendor() })).body as { items: Alert[] };
    expect(open.items.map((a) => a.id)).not.toContain(alert!.id);
    const history = (await api.call('GET', `/v1/alerts?status=resolved&partnerId=${partner.id}`, { token: vendor() }))
      .body as { items: Alert[] };
    expect(history.items.map((a) => a.id)).toEqual([alert!.id]);
  });

  it('shows a partner its own alerts only; partner admins acknowledge, only the vendor resolves', async () => {
    const mine = await createPartner(api);
    const other = await createPartner(api);
    await createSla(mine.id);
    await createSla(other.id);
    await reportValues(mine.id, 'csat', [2]);
    await reportValues(other.id, 'csat', [2]);
    await api.drainEvents();

    const partnerAdmin = api.token('partner-admin', mine.id);
    const partnerUser = api.token('partner-user', mine.id);
    const own = await api.call('GET', alertsPath(mine.id), { token: partnerUser });
    expect(own.status).toBe(200);
    const [alert] = (own.body as { items: Alert[] }).items;
    expect(alert).toMatchObject({ status: 'firing', partnerId: mine.id });
    expect((await api.call('GET', alertsPath(other.id), { token: partnerUser })).status).toBe(404);
    expect((await api.call('GET', '/v1/alerts', { token: partnerAdmin })).status).toBe(403);
    const foreign = (await alertsOf(other.id))[0]!;
    const one = await api.call('GET', `${alertsPath(mine.id)}/${alert!.id}`, { token: partnerUser });
    expect(one.body).toMatchObject({ id: alert!.id, status: 'firing' });
    expect(one.headers.etag).toBe(`"${alert!.version}"`);
    expect((await api.call('GET', `${alertsPath(other.id)}/${foreign.id}`, { token: partnerUser })).status).toBe(404);
    // Another partner's alert id under one's own partner is not found either.
    expect((await api.call('GET', `${alertsPath(mine.id)}/${foreign.id}`, { token: partnerUser })).status).toBe(404);
    const foreignAck = await api.call('POST', `${alertsPath(other.id)}/${foreign.id}/acknowledge`, {
      token: partnerAdmin,
      headers: { 'if-match': `"${foreign.version}"` },
    });
    expect(foreignAck.status).toBe(404);

    const resolvePath = `${alertsPath(mine.id)}/${alert!.id}/resolve`;
    const byPartner = await api.call('POST', resolvePath, {
      token: partnerUser,
      body: { note: 'fixed' },
      headers: { 'if-match': `"${alert!.version}"` },
    });
    expect(byPartner.status).toBe(403);
    expect(
      (
        await api.call('POST', resolvePath, {
          token: partnerAdmin,
          body: { note: 'fixed' },
          headers: { 'if-match': `"${alert!.version}"` },
        })
      ).status,
    ).toBe(403);

    const ackPath = `${alertsPath(mine.id)}/${alert!.id}/acknowledge`;
    expect(
      (await api.call('POST', ackPath, { token: partnerUser, headers: { 'if-match': `"${alert!.version}"` } })).status,
    ).toBe(403);
    expect((await api.call('POST', ackPath, { token: partnerAdmin })).status).toBe(428);
    const acked = await api.call('POST', ackPath, {
      token: partnerAdmin,
      headers: { 'if-match': `"${alert!.version}"` },
    });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: expect.any(String) as unknown });
    expect(
      (await api.call('POST', ackPath, { token: partnerAdmin, headers: { 'if-match': acked.headers.etag } })).status,
    ).toBe(409);
    expect((await api.call('GET', '/v1/alerts?status=acknowledged', { token: vendor() })).body).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ id: alert!.id })]) as unknown,
    });

    const stale = await api.call('POST', resolvePath, {
      token: vendor(),
      body: { note: 'Root cause fixed' },
      headers: { 'if-match': `"${alert!.version}"` },
    });
    expect(stale.status).toBe(412);
    const resolved = await api.call('POST', resolvePath, {
      token: vendor(),
      body: { note: 'Root cause fixed' },
      headers: { 'if-match': acked.headers.etag },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: 'manual',
      note: 'Root cause fixed',
      resolvedBy: expect.any(String) as unknown,
    });
    await api.drainEvents();
    expect((await outbox('AlertResolved', mine.id))[0]!.detail.data).toMatchObject({
      resolution: 'manual',
      note: 'Root cause fixed',
    });
    expect(
      (
        await api.call('POST', resolvePath, {
          token: vendor(),
          body: { note: 'again' },
          headers: { 'if-match': resolved.headers.etag },
        })
      ).status,
    ).toBe(409);
    // No pointer is left behind: the dedup key is free for the next breach.
    expect((await api.tableItems()).filter((i) => i.type === 'OpenAlert' && i.partnerId === mine.id)).toHaveLength(0);
  });
});
