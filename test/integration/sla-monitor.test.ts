import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { clockControl, nowMs } from '#shared/clock';
import { setDispatcher } from '#shared/queue/send';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createPartner, type Created } from '#test/helpers/fixtures';
import { withCapturedLogs } from '#test/helpers/captured-logs';

// integration: the SLA monitor (planner -> batches -> worker) on DynamoDB Local: burn-rate rules, freshness,
// re-notification, and idempotency when it runs twice or dies half way. Points go in through the ingestion API;
// the clock is moved, never waited for.

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  setDispatcher(undefined);
  clockControl.reset();
  await api.stop();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Alert = Created & {
  status: string;
  severity: string;
  slaId: string;
  rule?: string;
  window: string;
  measured?: number;
  occurrences: number;
};
type Point = { metric: string; at: string } & ({ value: number } | { good: number; total: number });

const vendor = () => api.token('manager', undefined, 'mara');

async function createSla(partnerId: string, body: Record<string, unknown>): Promise<Created> {
  const res = await api.call('POST', `/v1/partners/${partnerId}/slas`, { token: vendor(), body });
  expect(res.status).toBe(201);
  return res.body as Created;
}

async function report(partnerId: string, points: Point[]): Promise<void> {
  for (let i = 0; i < points.length; i += 500) {
    const res = await api.call('POST', `/v1/partners/${partnerId}/metrics`, {
      token: api.token('partner-admin', partnerId),
      body: { points: points.slice(i, i + 500) },
    });
    expect(res.status).toBe(200);
    expect((res.body as { rejected: unknown[] }).rejected).toEqual([]);
  }
}

const ago = (ms: number) => new Date(nowMs() - ms).toISOString();

async function alertsOf(partnerId: string, query = ''): Promise<Alert[]> {
  const res = await api.call('GET', `/v1/partners/${partnerId}/alerts${query}`, { token: vendor() });
  expect(res.status).toBe(200);
  return (res.body as { items: Alert[] }).items;
}

async function outboxCount(detailType: string, partnerId: string): Promise<number> {
  const items = await api.tableItems();
  return items.filter(
    (i) =>
      i.type === 'OutboxEvent' &&
      i.detailType === detailType &&
      (i.detail as { partnerId?: string }).partnerId === partnerId,
  ).length;
}

/** A monitor tick as deployed: the planner, its batches through the local work queue, the workers. */
async function runMonitor(): Promise<void> {
  const summary = (await api.runJob('sla-monitor')) as { slas: number; batches: number };
  expect(summary.batches).toBe(Math.ceil(summary.slas / 25));
}

/**
 * A run that dies half way: the planner's batches are captured instead of queued (the test plays the queue),
 * so the test decides which of them ever reach a worker. Last in the file: the local queue stays replaced.
 */
async function plan(): Promise<unknown[]> {
  const sent: unknown[] = [];
  setDispatcher(async (_queue, messages) => void sent.push(...messages));
  await api.runJob('sla-monitor');
  return sent;
}

async function work(messages: unknown[], extraRecords: SQSEvent['Records'] = []): Promise<SQSBatchResponse> {
  // Imported once the runtime has set up the environment (log level, table), as the runtime imports handlers.
  const { run } = await import('#functions/performance/sla-worker');
  const records = messages.map((body, i) => ({ messageId: `m${i}`, body: JSON.stringify(body) }));
  return run({ Records: [...records, ...extraRecords] } as SQSEvent);
}

describe('SLA monitor', () => {
  // Reported before the SLAs exist, so only the monitor (not the on-ingest evaluator) can see them.
  let burst: Created;
  let mild: Created;
  let burstSla: Created;
  let mildSla: Created;

  it('trips 1h/5m (critical) on a burst of bad events and only 3d/6h (warning) on a mild miss over days', async () => {
    burst = await createPartner(api);
    mild = await createPartner(api);
    const background = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => ({
        metric: 'tickets.answered_4h',
        at: ago((from + i) * DAY + 30 * MINUTE),
        good: 1000,
        total: 1000,
      }));
    // 80 % of the last few minutes' tickets late: a 16x burn over 1 h and over 5 m.
    await report(burst.id, [
      ...background(2, 29),
      { metric: 'tickets.answered_4h', at: ago(2 * MINUTE), good: 20, total: 100 },
    ]);
    // 7 % late every hour for three days: a 1.4x burn everywhere, below 6x and 14.4x.
    const hourly = Array.from({ length: 72 }, (_, h) => ({
      metric: 'tickets.answered_4h',
      at: ago(h * HOUR + MINUTE),
      good: 93,
      total: 100,
    }));
    await report(mild.id, [...background(4, 29), ...hourly]);
    await api.drainEvents();

    const ratio = { kind: 'ratio', metric: 'tickets.answered_4h', target: 95, window: 'P30D', severity: 'info' };
    burstSla = await createSla(burst.id, ratio);
    mildSla = await createSla(mild.id, ratio);
    expect(await alertsOf(burst.id)).toEqual([]);

    await runMonitor();
    const [critical] = await alertsOf(burst.id);
    expect(critical).toMatchObject({
      status: 'firing',
      severity: 'critical',
      rule: '1h/5m@14.4x',
      window: 'PT1H',
      slaId: burstSla.id,
    });
    const [warning] = await alertsOf(mild.id);
    expect(warning).toMatchObject({
      status: 'firing',
      severity: 'warning',
      rule: '3d/6h@1x',
      window: 'P3D',
      slaId: mildSla.id,
    });
    expect(await alertsOf(mild.id)).toHaveLength(1);
  });

  it('raises nothing twice when it runs twice in a row', async () => {
    await runMonitor();
    await api.drainEvents();
    for (const partner of [burst, mild]) {
      expect(await outboxCount('AlertRaised', partner.id)).toBe(1);
      expect(await outboxCount('SlaBreached', partner.id)).toBe(1);
      expect(await outboxCount('AlertRenotified', partner.id)).toBe(0);
      expect(await alertsOf(partner.id)).toHaveLength(1);
    }
  });

  it('escalates warning -> critical: the warning resolves silently, the critical one notifies', async () => {
    const [warning] = await alertsOf(mild.id);
    await report(mild.id, [{ metric: 'tickets.answered_4h', at: ago(30_000), good: 0, total: 400 }]);
    await api.drainEvents();
    const alerts = await alertsOf(mild.id);
    expect(alerts.map((a) => [a.severity, a.status])).toEqual([
      ['critical', 'firing'],
      ['warning', 'resolved'],
    ]);
    expect(alerts[1]).toMatchObject({ id: warning!.id, resolution: 'superseded' });
    expect(await outboxCount('AlertRaised', mild.id)).toBe(2);
    expect(await outboxCount('AlertResolved', mild.id)).toBe(0);
  });

  it('flags a partner that stops reporting, and clears once it reports again', async () => {
    const partner = await createPartner(api);
    await report(partner.id, [{ metric: 'inventory.level', at: ago(MINUTE), value: 120 }]);
    await createSla(partner.id, { kind: 'freshness', metric: 'inventory.level', window: 'PT1H', severity: 'warning' });
    await runMonitor();
    expect(await alertsOf(partner.id)).toEqual([]);

    clockControl.advanceBy(2 * HOUR);
    await runMonitor();
    const [stale] = await alertsOf(partner.id);
    expect(stale).toMatchObject({ status: 'firing', severity: 'warning', window: 'PT1H' });
    expect(stale!.measured).toBeGreaterThan(HOUR);

    await report(partner.id, [{ metric: 'inventory.level', at: ago(0), value: 118 }]);
    await api.drainEvents();
    clockControl.advanceBy(16 * MINUTE);
    await runMonitor();
    expect((await alertsOf(partner.id))[0]).toMatchObject({ id: stale!.id, status: 'resolved' });
  });

  it('re-notifies an unacknowledged alert every 4 hours, and never an acknowledged one', async () => {
    const quiet = await createPartner(api);
    const loud = await createPartner(api);
    const csat = {
      kind: 'threshold',
      metric: 'csat',
      aggregate: 'avg',
      comparator: '>=',
      target: 4.2,
      window: 'P7D',
      severity: 'critical',
    };
    for (const partner of [quiet, loud]) {
      await createSla(partner.id, csat);
      await report(partner.id, [{ metric: 'csat', at: ago(MINUTE), value: 3.2 }]);
    }
    await api.drainEvents();
    const [toAck] = await alertsOf(quiet.id);
    const ack = await api.call('POST', `/v1/partners/${quiet.id}/alerts/${toAck!.id}/acknowledge`, {
      token: api.token('partner-admin', quiet.id),
      headers: { 'if-match': `"${toAck!.version}"` },
    });
    expect(ack.status).toBe(200);

    clockControl.advanceBy(2 * HOUR);
    await runMonitor();
    expect(await outboxCount('AlertRenotified', loud.id)).toBe(0);

    clockControl.advanceBy(2 * HOUR + MINUTE);
    await runMonitor();
    await runMonitor();
    await api.drainEvents();
    expect(await outboxCount('AlertRenotified', loud.id)).toBe(1);
    expect(await outboxCount('AlertRenotified', quiet.id)).toBe(0);
    expect((await alertsOf(quiet.id))[0]).toMatchObject({ status: 'acknowledged' });
    const [loudAlert] = await alertsOf(loud.id);
    expect(loudAlert).toMatchObject({ status: 'firing', occurrences: expect.any(Number) as unknown });
    expect(loudAlert!.occurrences).toBeGreaterThanOrEqual(3);
  });

  it('counts each tick of a breach on the alert, and keeps the audit trail to decisions', async () => {
    const partner = await createPartner(api);
    await createSla(partner.id, {
      kind: 'threshold',
      metric: 'csat',
      aggregate: 'avg',
      comparator: '>=',
      target: 4.5,
      window: 'P7D',
      severity: 'warning',
    });
    await report(partner.id, [{ metric: 'csat', at: ago(MINUTE), value: 3.9 }]);
    await api.drainEvents();
    const [raised] = await alertsOf(partner.id);
    expect(raised).toMatchObject({ status: 'firing', occurrences: 1 });

    // Five monitor ticks, five minutes apart, the breach going on (less than the 4 h re-notification).
    for (let tick = 0; tick < 5; tick++) {
      clockControl.advanceBy(5 * MINUTE);
      await runMonitor();
    }

    const [counted] = await alertsOf(partner.id);
    expect(counted).toMatchObject({ id: raised!.id, status: 'firing', occurrences: 6 });
    const trail = await api.call('GET', `/v1/audit?partnerId=${partner.id}`, { token: vendor() });
    const alertActions = (trail.body as { items: { action: string }[] }).items
      .map((entry) => entry.action)
      .filter((action) => action.startsWith('alert.'));
    expect(alertActions).toEqual(['alert.raised']);
  });

  it('reads one Query per evaluation and one BatchGetItem per 25 SLAs when nothing changes', async () => {
    await runMonitor();
    const active = (await api.tableItems()).filter((i) => i.type === 'SlaDefinition' && i.status === 'active');
    const refs = active.map((i) => ({ partnerId: i.partnerId as string, slaId: i.id as string }));
    const { evaluateSlasMetered } = await import('#functions/performance/sla-worker');
    const measured = await evaluateSlasMetered(refs);
    expect(measured.summary).toMatchObject({
      evaluated: refs.length,
      raised: 0,
      updated: 0,
      renotified: 0,
      resolved: 0,
      failed: 0,
    });
    expect(measured.dynamoRequests).toBe(refs.length + Math.ceil(refs.length / 25));
  });

  it('completes the work of a run killed half way, and retries only the batch that failed', async () => {
    const partner = await createPartner(api);
    const slas: Created[] = [];
    for (let i = 0; i < 27; i++)
      slas.push(
        await createSla(partner.id, {
          kind: 'freshness',
          metric: `orders.reported.s${i}`,
          window: 'PT1H',
          severity: 'warning',
        }),
      );
    clockControl.advanceBy(HOUR + MINUTE); // one window without a report: every one of them is in breach

    const first = await plan();
    expect(first.length).toBeGreaterThanOrEqual(2);
    // The run dies after its first batch; a malformed record fails on its own, the others still succeed.
    const { result: partial, lines } = await withCapturedLogs(() =>
      work(first.slice(0, 1), [{ messageId: 'broken', body: '{"tick":' } as SQSEvent['Records'][number]]),
    );
    expect(partial.batchItemFailures).toEqual([{ itemIdentifier: 'broken' }]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', messageId: 'broken' }));
    const raisedSoFar = (await alertsOf(partner.id)).length;
    expect(raisedSoFar).toBeLessThan(27);

    // The next run, with its batches delivered twice at once (a redelivery racing the original).
    const again = await plan();
    const [a, b] = await Promise.all([work(again), work(again)]);
    expect([...a.batchItemFailures, ...b.batchItemFailures]).toEqual([]);
    expect((await work(await plan())).batchItemFailures).toEqual([]);
    await api.drainEvents();
    const alerts = await alertsOf(partner.id, '?limit=100');
    expect(alerts).toHaveLength(27);
    expect(new Set(alerts.map((a) => a.slaId))).toEqual(new Set(slas.map((s) => s.id)));
    expect(await outboxCount('AlertRaised', partner.id)).toBe(27);
    expect((await api.tableItems()).filter((i) => i.type === 'OpenAlert' && i.partnerId === partner.id)).toHaveLength(
      27,
    );
  });
});
