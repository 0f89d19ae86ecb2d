import { httpFunctions } from '#functions/manifest';
import { allowedRoles } from '#shared/auth/policy';
import { roles, isPartnerRole, type Role } from '#shared/auth/roles';
import { routeKey, type AnyRoute } from '#shared/http/route';
import { allRoutes } from '#functions/platform/routes';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { addPerson, breachedSla, createAgreement, createPartner, raiseRisk, recordPlanningSession } from '#test/helpers/fixtures';

// security: every route of the manifest x every role x own/foreign partner, against the policy.
let api: TestApi;
/** A real resource for every path parameter, on the caller's own partner and on a foreign one. */
const ids: Record<'own' | 'foreign', Record<string, string>> = { own: {}, foreign: {} };

beforeAll(async () => {
  api = await startTestApi();
  for (const side of ['own', 'foreign'] as const) {
    const partner = await createPartner(api);
    const person = await addPerson(api, partner.id);
    const agreement = await createAgreement(api, partner.id);
    const risk = await raiseRisk(api, partner.id);
    const session = await recordPlanningSession(api, partner.id);
    const { sla, alert } = await breachedSla(api, partner.id);
    const sku = `SKU-${side}`;
    await api.call('POST', '/v1/products', { token: api.token('admin'), body: { sku, name: sku, family: 'f', unit: 'pcs', leadTimeDays: 7 } });
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
    };
  }
});
afterAll(async () => {
  await api.stop();
});

const definitions = new Map<string, AnyRoute>(allRoutes().map((r) => [routeKey(r), r]));
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
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[target][name] ?? `{${name}}`);
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
