import { allRoutes } from '#functions/platform/all-routes';
import { routeKey } from '#shared/http/route';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createPartner, partnerInput, personInput, termsInput, type Created } from '#test/helpers/fixtures';

// integration: every create answers 201 with a Location the creator can GET back: the same resource, the same
// ETag. A client can follow what the API hands it, without knowing how paths are built.
let api: TestApi;
let partner: Created;
beforeAll(async () => {
  api = await startTestApi();
  partner = await createPartner(api);
});
afterAll(async () => {
  await api.stop();
});

interface Creation {
  path: (partnerId: string) => string;
  as: 'admin' | 'manager' | 'partner-admin';
  body: () => Record<string, unknown>;
  /** The field that names the resource in its body. */
  idField?: string;
}

const creations: Record<string, Creation> = {
  'POST /v1/partners': { path: () => '/v1/partners', as: 'admin', body: () => partnerInput() },
  'POST /v1/partners/{partnerId}/users': {
    path: (p) => `/v1/partners/${p}/users`,
    as: 'admin',
    body: () => personInput(),
  },
  'POST /v1/partners/{partnerId}/agreements': {
    path: (p) => `/v1/partners/${p}/agreements`,
    as: 'manager',
    body: () => ({ kind: 'reseller', title: 'Reseller agreement', terms: termsInput() }),
  },
  'POST /v1/partners/{partnerId}/risks': {
    path: (p) => `/v1/partners/${p}/risks`,
    as: 'manager',
    body: () => ({ title: 'Single source', category: 'supply', likelihood: 3, impact: 4, ownerSide: 'vendor' }),
  },
  'POST /v1/partners/{partnerId}/planning-sessions': {
    path: (p) => `/v1/partners/${p}/planning-sessions`,
    as: 'manager',
    body: () => ({
      title: 'Q1 plan',
      heldAt: new Date().toISOString(),
      participants: [{ name: 'Mara Keller', side: 'vendor' }],
    }),
  },
  'POST /v1/metrics': {
    path: () => '/v1/metrics',
    as: 'admin',
    body: () => ({
      name: 'first-call-resolution',
      displayName: 'First-call resolution',
      unit: '%',
      kind: 'ratio',
      direction: 'higher-is-better',
    }),
    idField: 'name',
  },
  'POST /v1/partners/{partnerId}/slas': {
    path: (p) => `/v1/partners/${p}/slas`,
    as: 'manager',
    body: () => ({
      kind: 'threshold',
      metric: 'csat',
      aggregate: 'avg',
      comparator: '>=',
      target: 4.2,
      window: 'P7D',
      severity: 'warning',
    }),
  },
  'POST /v1/products': {
    path: () => '/v1/products',
    as: 'admin',
    body: () => ({ sku: 'LOC-1', name: 'Locator', family: 'test', unit: 'pcs', leadTimeDays: 7 }),
    idField: 'sku',
  },
  'POST /v1/partners/{partnerId}/objectives': {
    path: (p) => `/v1/partners/${p}/objectives`,
    as: 'manager',
    body: () => ({ title: 'Grow', ownerSide: 'vendor', quarter: '2030-Q1' }),
  },
  'POST /v1/partners/{partnerId}/check-ins': {
    path: (p) => `/v1/partners/${p}/check-ins`,
    as: 'manager',
    body: () => ({
      kind: 'check-in',
      title: 'Sync',
      localStart: '2030-01-10T10:00',
      attendees: [{ name: 'A', side: 'vendor' }],
    }),
  },
  'POST /v1/partners/{partnerId}/disputes': {
    path: (p) => `/v1/partners/${p}/disputes`,
    as: 'manager',
    body: () => ({
      title: 'Billing',
      category: 'billing',
      severity: 'low',
      description: 'Invoice 42 counts returns twice',
    }),
  },
  'POST /v1/partners/{partnerId}/feedback': {
    path: (p) => `/v1/partners/${p}/feedback`,
    as: 'partner-admin',
    body: () => ({ kind: 'praise', title: 'Great onboarding', body: 'The portal walkthrough helped the whole team.' }),
  },
};

describe('Location of created resources', () => {
  it('is listed here for every route that creates (201)', () => {
    const creating = allRoutes()
      .filter((r) => r.responses[201] !== undefined)
      .map(routeKey);
    expect(Object.keys(creations).sort()).toEqual([...creating].sort());
  });

  it.each(Object.entries(creations))(
    '%s: GET Location returns what was created, with its ETag',
    async (_key, creation) => {
      // Prepare
      const token = api.token(creation.as, creation.as === 'partner-admin' ? partner.id : undefined);

      // Act
      const res = await api.call('POST', creation.path(partner.id), { token, body: creation.body() });
      expect(res.status).toBe(201);
      const location = res.headers.location;
      expect(location).toMatch(/^\/v1\//);
      const read = await api.call('GET', location!, { token });

      // Assess
      expect(read.status).toBe(200);
      const idField = creation.idField ?? 'id';
      expect((read.body as Record<string, unknown>)[idField]).toBe((res.body as Record<string, unknown>)[idField]);
      expect(read.headers.etag).toBe(res.headers.etag);
    },
  );
});
