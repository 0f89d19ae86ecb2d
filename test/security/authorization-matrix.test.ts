import { httpFunctions } from '#functions/manifest';
import { periodOf, shiftPeriod } from '#shared/domain/supply/period';
import { allowedRoles } from '#shared/auth/policy';
import { roles, isPartnerRole, type Role } from '#shared/auth/roles';
import { routeKey, type AnyRoute } from '#shared/http/route';
import { allRoutes } from '#functions/platform/all-routes';
import { docsRoutes } from '#functions/platform/api-docs';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { addPerson, breachedSla, createAgreement, createPartner, raiseRisk, recordPlanningSession } from '#test/helpers/fixtures';

// security: every route of the manifest x every role x own/foreign partner, against the policy.
let api: TestApi;
/** A real resource for every path parameter, on the caller's own partner and on a foreign one. */
const ids: Record<'own' | 'foreign', Record<string, string>> = { own: {}, foreign: {} };
/** A program alert (no partner) for the /v1/alerts/{alertId} routes. */
let programAlertId = '';

beforeAll(async () => {
  api = await startTestApi();
  const csat = { name: 'csat', displayName: 'CSAT', unit: 'score', kind: 'value', direction: 'higher-is-better' };
  expect((await api.call('POST', '/v1/metrics', { token: api.token('admin'), body: csat })).status).toBe(201);
  for (const side of ['own', 'foreign'] as const) {
    const partner = await createPartner(api);
    const person = await addPerson(api, partner.id);
    const agreement = await createAgreement(api, partner.id);
    const risk = await raiseRisk(api, partner.id);
    const session = await recordPlanningSession(api, partner.id);
    const { sla, alert } = await breachedSla(api, partner.id);
    const sku = `SKU-${side}`;
    await api.call('POST', '/v1/products', { token: api.token('admin'), body: { sku, name: sku, family: 'f', unit: 'pcs', leadTimeDays: 7 } });
    await api.call('PUT', `/v1/inventory/${sku}/DE-HAM`, { token: api.token('admin'), body: { onHand: 10, allocated: 0, sharedWith: [partner.id] } });
    ids[side] = {
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
      ...(await collaborationFixtures(partner.id)),
    };
  }
  programAlertId = await programAlert(ids.own.partnerId!, ids.own.sku!);
});
afterAll(async () => {
  await api.stop();
});

/**
 * Two years of sales for the own partner's SKU, whose DE-HAM level (10 available) covers about a day of it: the
 * forecast job and the network cover check then raise a program alert.
 */
async function programAlert(partnerId: string, sku: string): Promise<string> {
  const last = shiftPeriod(periodOf(Date.now(), 'month'), -1);
  const records = Array.from({ length: 24 }, (_, t) => ({ sku, period: shiftPeriod(last, t - 23), units: 300 }));
  expect((await api.call('POST', `/v1/partners/${partnerId}/sales`, { token: api.token('partner-admin', partnerId), body: { records } })).status).toBe(200);
  await api.runJob('forecast');
  await api.runJob('cover-check');
  const inbox = await api.call('GET', '/v1/alerts', { token: api.token('admin') });
  const alert = (inbox.body as { items: { id: string; kind?: string }[] }).items.find((x) => x.kind === 'network-cover-below-lead-time');
  return alert!.id;
}

/** One of each collaboration resource on a partner; `side` is the partner side (whose disclosure exists). */
async function collaborationFixtures(partnerId: string): Promise<Record<string, string>> {
  const token = api.token('manager');
  const partnerToken = api.token('partner-admin', partnerId);
  const item = { text: 'x', confidence: 'high', reviewBy: '2030-01-01' };
  await api.call('PUT', `/v1/partners/${partnerId}/disclosures/partner`, { token: partnerToken, body: { needs: [item] } });
  const objective = await api.call('POST', `/v1/partners/${partnerId}/objectives`, {
    token,
    body: { title: 'Grow', ownerSide: 'vendor', quarter: '2030-Q1', milestones: [{ title: 'Kick-off', due: '2030-01-15', ownerSide: 'vendor' }] },
  });
  const checkIn = await api.call('POST', `/v1/partners/${partnerId}/check-ins`, {
    token,
    body: { kind: 'check-in', title: 'Sync', localStart: '2030-01-10T10:00', attendees: [{ name: 'A', side: 'vendor' }] },
  });
  const dispute = await api.call('POST', `/v1/partners/${partnerId}/disputes`, {
    token,
    body: { title: 'Billing', category: 'billing', severity: 'low', description: 'x' },
  });
  const feedback = await api.call('POST', `/v1/partners/${partnerId}/feedback`, { token: partnerToken, body: { kind: 'praise', title: 'Great', body: 'x' } });
  const objectiveBody = objective.body as { id: string; milestones: { id: string }[] };
  return {
    side: 'partner',
    objectiveId: objectiveBody.id,
    milestoneId: objectiveBody.milestones[0]!.id,
    checkInId: (checkIn.body as { id: string }).id,
    disputeId: (dispute.body as { id: string }).id,
    feedbackId: (feedback.body as { id: string }).id,
  };
}

const definitions = new Map<string, AnyRoute>([...allRoutes(), ...docsRoutes].map((r) => [routeKey(r), r]));
const cases = httpFunctions().flatMap((fn) =>
  fn.routes.flatMap((key) => {
    const targets = key.includes('{partnerId}') ? (['own', 'foreign'] as const) : (['own'] as const);
    return [undefined, ...roles].flatMap((role) => targets.map((target) => ({ key, role, target })));
  }),
);

function expectedOutcome(key: string, role: Role | undefined, target: 'own' | 'foreign'): 'allowed' | 401 | 403 | 404 {
  const definition = definitions.get(key)!;
  if (definition.access === 'public') return 'allowed';
  if (!role) return 401;
  if (key.includes('{partnerId}') && isPartnerRole(role) && target === 'foreign') return 404;
  return allowedRoles(definition.access).includes(role) ? 'allowed' : 403;
}

describe('authorization matrix', () => {
  it('covers every route of the manifest', () => {
    expect(new Set(cases.map((c) => c.key)).size).toBe(httpFunctions().flatMap((f) => f.routes).length);
  });

  it.each(cases)('$key as $role on $target partner', async ({ key, role, target }) => {
    const [method, template] = key.split(' ') as [string, string];
    const known = template.startsWith('/v1/alerts/') ? { ...ids[target], alertId: programAlertId } : ids[target];
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => known[name] ?? `{${name}}`);
    // Partner principals always belong to the "own" partner; "foreign" is someone else's.
    const token = role ? api.token(role, isPartnerRole(role) ? ids.own.partnerId! : undefined) : undefined;
    await api.drainEvents(); // earlier events finish first: only this request could change the table
    const before = (await api.tableItems()).length;
    const res = await api.call(method, path, { ...(token ? { token } : {}) });
    const expected = expectedOutcome(key, role, target);
    if (expected === 'allowed') {
      // No body and no If-Match: allowed calls fail validation (400/428) or succeed, never on access.
      expect([401, 403, 404]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(expected);
    }
    if (res.status >= 400) expect((await api.tableItems()).length).toBe(before);
  });
});
