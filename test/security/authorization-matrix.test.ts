import { httpFunctions } from '#functions/manifest';
import { allowedRoles } from '#functions/policy';
import { roles, isPartnerRole, type Role } from '#shared/auth/roles';
import { routeKey, type AnyRoute } from '#shared/http/route';
import { allRoutes } from '#functions/platform/all-routes';
import { docsRoutes } from '#functions/platform/api-docs';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { csatMetric, fillPath, partnerResources, programAlert, type PathValues } from '#test/helpers/resources';

// security: every route of the manifest x every role x own/foreign partner, against the policy.
let api: TestApi;
/** A real resource for every path parameter, on the caller's own partner and on a foreign one. */
const ids: Record<'own' | 'foreign', PathValues> = { own: {}, foreign: {} };
/** A program alert (no partner) for the /v1/alerts/{alertId} routes. */
let programAlertId = '';
/** The table once the fixtures were written, and every item the stream showed changing after that. */
let baseline = new Map<string, string>();
const changedKeys = new Set<string>();
const itemKey = (item: { PK?: unknown; SK?: unknown }) => `${String(item.PK)}|${String(item.SK)}`;

beforeAll(async () => {
  api = await startTestApi();
  await csatMetric(api);
  for (const side of ['own', 'foreign'] as const) ids[side] = await partnerResources(api, `SKU-${side}`);
  programAlertId = await programAlert(api, ids.own.partnerId!, ids.own.sku!);
  await api.settle(); // from here on, settle() returns what each case wrote
  baseline = new Map((await api.tableItems()).map((item) => [itemKey(item), JSON.stringify(item)]));
}, 120_000);
afterAll(async () => {
  await api.stop();
});

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
    // Partner principals always belong to the "own" partner; "foreign" is someone else's.
    const token = role ? api.token(role, isPartnerRole(role) ? ids.own.partnerId! : undefined) : undefined;
    const res = await api.call(method, fillPath(template, known), { ...(token ? { token } : {}) });
    const written = await api.settle();
    const expected = expectedOutcome(key, role, target);
    if (expected === 'allowed') {
      // No body and no If-Match: allowed calls fail validation (400/428) or succeed, never on access or a fault.
      expect([401, 403, 404]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status).toBe(expected);
    }
    if (res.status >= 400) expect(written.map((c) => `${c.event} ${c.PK} ${c.SK}`)).toEqual([]);
    for (const change of written) changedKeys.add(itemKey(change));
  });

  // Declared last, so it runs after every case: the per-case check reads the stream, this proves it saw all.
  it('left the table as the stream reported: every item the Scan finds changed was seen changing', async () => {
    const items = await api.tableItems();
    const unreported = items
      .filter((item) => !changedKeys.has(itemKey(item)) && baseline.get(itemKey(item)) !== JSON.stringify(item))
      .map(itemKey);
    const present = new Set(items.map(itemKey));
    const removed = [...baseline.keys()].filter((key) => !changedKeys.has(key) && !present.has(key));
    expect({ unreported, removed }).toEqual({ unreported: [], removed: [] });
    expect(items.length).toBeGreaterThan(0);
  });
});
