import fc from 'fast-check';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createPartner, partnerInput } from '#test/helpers/fixtures';

// security: malformed input gets 4xx problem+json naming the field, and nothing is written.
let api: TestApi;
let partner: { id: string; version: number };
beforeAll(async () => {
  api = await startTestApi();
  partner = await createPartner(api);
});
afterAll(async () => {
  await api.stop();
});

/** A well-formed id that names nothing: bodies are checked before the resource is looked up. */
const ZERO_ID = '00000000000000000000000000';

async function expectRejectedAndNothingWritten(send: () => Promise<{ status: number; headers: Record<string, string>; body: unknown }>) {
  // Let consumers finish earlier events first, so only this request could change the table.
  await api.drainEvents();
  const before = JSON.stringify(await api.tableItems());
  const res = await send();
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers['content-type']).toBe('application/problem+json');
  expect(JSON.stringify(await api.tableItems())).toBe(before);
  return res as { status: number; body: { errors?: { path: string; message: string }[]; detail: string } };
}

const raw = (method: string, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${api.url}${path}`, {
    method,
    body,
    headers: { authorization: `Bearer ${api.token('admin')}`, 'content-type': 'application/json', ...headers },
  }).then(async (r) => ({ status: r.status, headers: Object.fromEntries(r.headers), body: (await r.json()) as unknown }));

describe('bad input', () => {
  it('rejects malformed JSON', async () => {
    const res = await expectRejectedAndNothingWritten(() => raw('POST', '/v1/partners', '{"name": "x",'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body', message: 'malformed JSON' }]);
  });

  it('rejects a body that is not JSON (415) and one over the size cap (413)', async () => {
    expect((await expectRejectedAndNothingWritten(() => raw('POST', '/v1/partners', 'name=x', { 'content-type': 'text/plain' }))).status).toBe(415);
    const huge = JSON.stringify({ ...partnerInput(), legalName: 'x'.repeat(70_000) });
    expect((await expectRejectedAndNothingWritten(() => raw('POST', '/v1/partners', huge))).status).toBe(413);
  });

  it('names each wrong type, unknown key and oversized string', async () => {
    const body = { ...partnerInput(), tier: 7, country: 'Germany', nickname: 'x', name: 'n'.repeat(201) };
    const res = await expectRejectedAndNothingWritten(() => api.call('POST', '/v1/partners', { token: api.token('admin'), body }));
    expect(res.status).toBe(400);
    expect(res.body.errors!.map((e) => e.path).sort()).toEqual(['body.country', 'body.name', 'body.nickname', 'body.tier']);
  });

  it('rejects bad ids, unknown query parameters and out-of-range limits', async () => {
    const token = api.token('admin');
    const badId = await expectRejectedAndNothingWritten(() => api.call('GET', '/v1/partners/not-a-ulid', { token }));
    expect(badId.body.errors![0]!.path).toBe('path.partnerId');
    const unknown = await expectRejectedAndNothingWritten(() => api.call('GET', '/v1/partners?colour=red', { token }));
    expect(unknown.body.errors![0]!.path).toBe('query.colour');
    for (const limit of ['0', '101', 'ten']) {
      const res = await expectRejectedAndNothingWritten(() => api.call('GET', `/v1/partners?limit=${limit}`, { token }));
      expect(res.body.errors![0]!.path).toBe('query.limit');
    }
  });

  it('rejects a malformed If-Match and an empty PATCH', async () => {
    const token = api.token('admin');
    const path = `/v1/partners/${partner.id}`;
    const badEtag = await expectRejectedAndNothingWritten(() => api.call('PATCH', path, { token, body: { tier: 'gold' }, headers: { 'if-match': 'one' } }));
    expect(badEtag.body.errors![0]!.path).toBe('headers.if-match');
    expect((await expectRejectedAndNothingWritten(() => api.call('PATCH', path, { token, body: {}, headers: { 'if-match': '"1"' } }))).status).toBe(400);
  });

  it('rejects forged, edited and cross-query cursors', async () => {
    const token = api.token('admin');
    for (let i = 0; i < 3; i++) await createPartner(api, { kind: 'referral' });
    const page = await api.call('GET', '/v1/partners?kind=referral&limit=1', { token });
    const cursor = (page.body as { nextCursor: string }).nextCursor;
    expect(cursor).toBeDefined();

    const [payload, signature] = cursor.split('.') as [string, string];
    const forgedKey = Buffer.from(JSON.stringify({ PK: 'P#01ARZ3NDEKTSV4RRFFQ69G5FAV', SK: 'PARTNER' })).toString('base64url');
    const attempts = [
      `${forgedKey}.${signature}`, // another partition with a stolen signature
      `${payload}.${signature.slice(0, -2)}AA`, // tampered signature
      'garbage',
    ];
    for (const bad of attempts) {
      const res = await expectRejectedAndNothingWritten(() => api.call('GET', `/v1/partners?kind=referral&limit=1&cursor=${encodeURIComponent(bad)}`, { token }));
      expect(res.body.errors![0]!.path).toBe('query.cursor');
    }
    // A genuine cursor is bound to the query that produced it.
    const other = await expectRejectedAndNothingWritten(() => api.call('GET', `/v1/partners?kind=reseller&limit=1&cursor=${encodeURIComponent(cursor)}`, { token }));
    expect(other.status).toBe(400);
    const people = await expectRejectedAndNothingWritten(() => api.call('GET', `/v1/partners/${partner.id}/users?cursor=${encodeURIComponent(cursor)}`, { token }));
    expect(people.status).toBe(400);
  });

  it('survives arbitrary bodies on every write route (fuzzing)', async () => {
    const allowed = new Set(Object.keys(partnerInput()));
    const invalidBody = fc.oneof(
      fc.jsonValue(),
      fc.record({ extra: fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !allowed.has(k)), value: fc.jsonValue() }).map(({ extra, value }) => ({ ...partnerInput(), [extra]: value })),
      fc.constantFrom('name', 'kind', 'tier', 'country', 'timezone').chain((field) =>
        fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.string({ minLength: 301, maxLength: 400 })).map((value) => ({ ...partnerInput(), [field]: value })),
      ),
    );
    const routes = [
      { method: 'POST', path: () => '/v1/partners', headers: {} },
      { method: 'PATCH', path: () => `/v1/partners/${partner.id}`, headers: { 'if-match': '"1"' } },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/status`, headers: { 'if-match': '"1"' } },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/users`, headers: {} },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/agreements`, headers: {} },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/risks`, headers: {} },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/planning-sessions`, headers: {} },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/metrics`, headers: {} },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/slas`, headers: {} },
      { method: 'POST', path: () => '/v1/metrics', headers: {} },
      { method: 'POST', path: () => '/v1/products', headers: {} },
      { method: 'PUT', path: () => '/v1/inventory/SKU-1/DE-HAM', headers: {} },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/sales`, headers: {} },
      { method: 'PUT', path: () => `/v1/partners/${partner.id}/forecasts/SKU-1`, headers: {} },
      { method: 'PUT', path: () => `/v1/partners/${partner.id}/disclosures/vendor`, headers: {} },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/objectives`, headers: {} },
      { method: 'PATCH', path: () => `/v1/partners/${partner.id}/objectives/${ZERO_ID}`, headers: { 'if-match': '"1"' } },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/objectives/${ZERO_ID}/milestones/${ZERO_ID}/status`, headers: { 'if-match': '"1"' } },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/check-ins`, headers: {} },
      { method: 'PATCH', path: () => `/v1/partners/${partner.id}/check-ins/${ZERO_ID}`, headers: { 'if-match': '"1"' } },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/disputes`, headers: {} },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/disputes/${ZERO_ID}/messages`, headers: {} },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/disputes/${ZERO_ID}/proposals`, headers: {} },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/disputes/${ZERO_ID}/accept`, headers: {} },
      { method: 'POST', path: () => `/v1/partners/${partner.id}/feedback`, headers: {} },
      { method: 'POST', path: () => `/v1/feedback/${ZERO_ID}/status`, headers: { 'if-match': '"1"' } },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), invalidBody, async (r, body) => {
        const res = await expectRejectedAndNothingWritten(() => api.call(r.method, r.path(), { token: api.token('admin'), body, headers: r.headers }));
        expect([400, 409, 412]).toContain(res.status);
      }),
      { numRuns: 80 },
    );
  });
});
