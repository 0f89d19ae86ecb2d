import { periodOf, shiftPeriod } from '#functions/supply/domain/period';
import type { TestApi } from '#test/helpers/local-api';
import {
  addPerson,
  breachedSla,
  createAgreement,
  createPartner,
  raiseRisk,
  recordPlanningSession,
} from '#test/helpers/fixtures';

/**
 * A real resource for every path parameter of the API, so the security suites can call every route of the
 * manifest on something that exists (a route that 404s on a made-up id would test nothing past its lookup).
 */

/** Path parameter name -> value, e.g. `{ partnerId, userId, agreementId, n, sku, side }`. */
export type PathValues = Record<string, string>;

/** A partner with one of everything: a person, an agreement, a risk, a session, a breached SLA and its alert, ... */
export async function partnerResources(api: TestApi, sku: string): Promise<PathValues> {
  const partner = await createPartner(api);
  const person = await addPerson(api, partner.id);
  const agreement = await createAgreement(api, partner.id);
  const risk = await raiseRisk(api, partner.id);
  const session = await recordPlanningSession(api, partner.id);
  const { sla, alert } = await breachedSla(api, partner.id);
  await expectStatus(
    api.call('POST', '/v1/products', {
      token: api.token('admin'),
      body: { sku, name: sku, family: 'f', unit: 'pcs', leadTimeDays: 7 },
    }),
    201,
  );
  await expectStatus(
    api.call('PUT', `/v1/inventory/${sku}/DE-HAM`, {
      token: api.token('admin'),
      body: { onHand: 10, allocated: 0, sharedWith: [partner.id] },
    }),
    200,
    201,
  );
  return {
    partnerId: partner.id,
    userId: person.id,
    agreementId: agreement.id,
    n: '1',
    riskId: risk.id,
    sessionId: session.id,
    slaId: sla.id,
    alertId: alert.id,
    metric: 'csat',
    sku,
    location: 'DE-HAM',
    ...(await collaborationResources(api, partner.id)),
  };
}

/** The CSAT catalog metric `breachedSla` reports against; once per table. */
export async function csatMetric(api: TestApi): Promise<void> {
  const csat = { name: 'csat', displayName: 'CSAT', unit: 'score', kind: 'value', direction: 'higher-is-better' };
  await expectStatus(api.call('POST', '/v1/metrics', { token: api.token('admin'), body: csat }), 201);
}

/**
 * A program alert (no partner, for the /v1/alerts/{alertId} routes): two years of sales for the partner's SKU,
 * whose DE-HAM level (10 available) covers about a day of it, so the forecast job and the network cover check
 * raise one.
 */
export async function programAlert(api: TestApi, partnerId: string, sku: string): Promise<string> {
  const last = shiftPeriod(periodOf(Date.now(), 'month'), -1);
  const records = Array.from({ length: 24 }, (_, t) => ({ sku, period: shiftPeriod(last, t - 23), units: 300 }));
  await expectStatus(
    api.call('POST', `/v1/partners/${partnerId}/sales`, {
      token: api.token('partner-admin', partnerId),
      body: { records },
    }),
    200,
  );
  await api.runJob('forecast');
  await api.runJob('cover-check');
  const inbox = await api.call('GET', '/v1/alerts', { token: api.token('admin') });
  const alert = (inbox.body as { items: { id: string; kind?: string }[] }).items.find(
    (x) => x.kind === 'network-cover-below-lead-time',
  );
  if (!alert) throw new Error(`no network cover alert was raised: ${JSON.stringify(inbox.body)}`);
  return alert.id;
}

/** One of each collaboration resource on a partner (the partner side's disclosure exists). */
async function collaborationResources(api: TestApi, partnerId: string): Promise<PathValues> {
  const token = api.token('manager');
  const partnerToken = api.token('partner-admin', partnerId);
  const item = { text: 'x', confidence: 'high', reviewBy: '2030-01-01' };
  await expectStatus(
    api.call('PUT', `/v1/partners/${partnerId}/disclosures/partner`, { token: partnerToken, body: { needs: [item] } }),
    200,
    201,
  );
  const objective = await expectStatus(
    api.call('POST', `/v1/partners/${partnerId}/objectives`, {
      token,
      body: {
        title: 'Grow',
        ownerSide: 'vendor',
        quarter: '2030-Q1',
        milestones: [{ title: 'Kick-off', due: '2030-01-15', ownerSide: 'vendor' }],
      },
    }),
    201,
  );
  const checkIn = await expectStatus(
    api.call('POST', `/v1/partners/${partnerId}/check-ins`, {
      token,
      body: {
        kind: 'check-in',
        title: 'Sync',
        localStart: '2030-01-10T10:00',
        attendees: [{ name: 'A', side: 'vendor' }],
      },
    }),
    201,
  );
  const dispute = await expectStatus(
    api.call('POST', `/v1/partners/${partnerId}/disputes`, {
      token,
      body: { title: 'Billing', category: 'billing', severity: 'low', description: 'x' },
    }),
    201,
  );
  const feedback = await expectStatus(
    api.call('POST', `/v1/partners/${partnerId}/feedback`, {
      token: partnerToken,
      body: { kind: 'praise', title: 'Great', body: 'x' },
    }),
    201,
  );
  const objectiveBody = objective as { id: string; milestones: { id: string }[] };
  return {
    side: 'partner',
    objectiveId: objectiveBody.id,
    milestoneId: objectiveBody.milestones[0]!.id,
    checkInId: (checkIn as { id: string }).id,
    disputeId: (dispute as { id: string }).id,
    feedbackId: (feedback as { id: string }).id,
  };
}

/** Fills a route template's `{name}` parameters; unknown names stay as they are (the route then 400s or 404s). */
export function fillPath(template: string, values: PathValues): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

async function expectStatus(response: ReturnType<TestApi['call']>, ...statuses: number[]): Promise<unknown> {
  const res = await response;
  if (!statuses.includes(res.status))
    throw new Error(`fixture request failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
