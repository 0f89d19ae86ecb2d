import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createPartner } from '#test/helpers/fixtures';

// integration: a job run says what it did (`npm run job`, POST /local/jobs and runJob share the summary): the SLA
// monitor's planner counts what it sent, its workers what they evaluated and which alerts they raised.

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('job summaries', () => {
  it('the SLA monitor reports SLAs evaluated and alerts raised, then nothing new on a second run', async () => {
    // Prepare: a bad point reported before the SLA exists, so only the monitor can raise the alert.
    const partner = await createPartner(api);
    const ingest = await api.call('POST', `/v1/partners/${partner.id}/metrics`, {
      token: api.token('partner-admin', partner.id),
      body: { points: [{ metric: 'csat', at: minutesAgo(10), value: 2 }] },
    });
    expect(ingest.status).toBe(200);
    await api.drainEvents();
    const sla = await api.call('POST', `/v1/partners/${partner.id}/slas`, {
      token: api.token('manager'),
      body: {
        kind: 'threshold',
        metric: 'csat',
        aggregate: 'avg',
        comparator: '>=',
        target: 4.5,
        window: 'PT1H',
        severity: 'critical',
      },
    });
    expect(sla.status).toBe(201);

    // Act
    const first = await api.call('POST', '/local/jobs/sla-monitor');
    const second = await api.runJob('sla-monitor');

    // Assess
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      job: 'sla-monitor',
      slas: 1,
      batches: 1,
      evaluated: 1,
      alertsRaised: 1,
      alertsResolved: 0,
      failed: 0,
    });
    expect(second).toMatchObject({ slas: 1, evaluated: 1, alertsRaised: 0, failed: 0 });
  });
});
