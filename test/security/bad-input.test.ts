import fc from 'fast-check';
import * as z from 'zod';
import { httpFunctions } from '#functions/manifest';
import { allRoutes } from '#functions/platform/all-routes';
import { allowedRoles, type Action } from '#functions/policy';
import { isPartnerRole } from '#shared/auth/roles';
import { routeKey, type AnyRoute } from '#shared/http/route';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createPartner, partnerInput } from '#test/helpers/fixtures';
import { csatMetric, fillPath, partnerResources, type PathValues } from '#test/helpers/resources';

// security: malformed input gets 4xx problem+json naming the field, and nothing is written.
let api: TestApi;
let partner: { id: string; version: number };
/** A real resource for every path parameter (the fuzzed routes act on them). */
let ids: PathValues = {};
beforeAll(async () => {
  api = await startTestApi();
  partner = await createPartner(api);
  await csatMetric(api);
  ids = await partnerResources(api, 'SKU-1');
}, 120_000);
afterAll(async () => {
  await api.stop();
});

async function expectRejectedAndNothingWritten(
  send: () => Promise<{ status: number; headers: Record<string, string>; body: unknown }>,
) {
  // Earlier writes (and what they set off) finish first, so only this request could change the table.
  await api.settle();
  const res = await send();
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers['content-type']).toBe('application/problem+json');
  expect((await api.settle()).map((c) => `${c.event} ${c.PK} ${c.SK}`)).toEqual([]);
  return res as { status: number; body: { errors?: { path: string; message: string }[]; detail: string } };
}

const writeRoutes = allRoutes().filter((route) => route.method !== 'GET');

/** The top-level fields of a body schema (through a transform), to send each with a value of the wrong kind. */
function fieldsOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodPipe) return fieldsOf(schema.in as z.ZodType);
  return [];
}

/**
 * Bodies the route's own schema refuses: any JSON at all; the route's example (or its fields) with an unknown
 * key; the example with one field of the wrong kind. A route that takes no body refuses every body.
 */
function invalidBody(route: AnyRoute): fc.Arbitrary<unknown> {
  const schema = route.body as z.ZodType | undefined;
  if (!schema) return fc.jsonValue();
  const fields = fieldsOf(schema);
  const example = ((route as { example?: unknown }).example ?? {}) as Record<string, unknown>;
  const wrongValue = fc.oneof(fc.jsonValue(), fc.string({ minLength: 301, maxLength: 400 }), fc.array(fc.string()));
  const candidates = [
    fc.jsonValue(),
    fc
      .record({
        extra: fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !fields.includes(k)),
        value: fc.jsonValue(),
      })
      .map(({ extra, value }) => ({ ...example, [extra]: value })),
    ...(fields.length > 0
      ? [fc.tuple(fc.constantFrom(...fields), wrongValue).map(([field, value]) => ({ ...example, [field]: value }))]
      : []),
  ];
  return fc.oneof(...candidates).filter((body) => !schema.safeParse(body).success);
}

const raw = (method: string, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${api.url}${path}`, {
    method,
    body,
    headers: { authorization: `Bearer ${api.token('admin')}`, 'content-type': 'application/json', ...headers },
  }).then(async (r) => ({ status: r.status, headers: Object.fromEntries(r.headers), body: await r.json() }));

describe('bad input', () => {
  it('rejects malformed JSON', async () => {
    const res = await expectRejectedAndNothingWritten(() => raw('POST', '/v1/partners', '{"name": "x",'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body', message: 'malformed JSON' }]);
  });

  it('rejects a body that is not JSON (415) and one over the size cap (413)', async () => {
    expect(
      (
        await expectRejectedAndNothingWritten(() =>
          raw('POST', '/v1/partners', 'name=x', { 'content-type': 'text/plain' }),
        )
      ).status,
    ).toBe(415);
    const huge = JSON.stringify({ ...partnerInput(), legalName: 'x'.repeat(70_000) });
    expect((await expectRejectedAndNothingWritten(() => raw('POST', '/v1/partners', huge))).status).toBe(413);
  });

  it('names each wrong type, unknown key and oversized string', async () => {
    const body = { ...partnerInput(), tier: 7, country: 'Germany', nickname: 'x', name: 'n'.repeat(201) };
    const res = await expectRejectedAndNothingWritten(() =>
      api.call('POST', '/v1/partners', { token: api.token('admin'), body }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors!.map((e) => e.path).sort()).toEqual([
      'body.country',
      'body.name',
      'body.nickname',
      'body.tier',
    ]);
  });

  it('rejects bad ids, unknown query parameters and out-of-range limits', async () => {
    const token = api.token('admin');
    const badId = await expectRejectedAndNothingWritten(() => api.call('GET', '/v1/partners/not-a-ulid', { token }));
    expect(badId.body.errors![0]!.path).toBe('path.partnerId');
    const unknown = await expectRejectedAndNothingWritten(() => api.call('GET', '/v1/partners?colour=red', { token }));
    expect(unknown.body.errors![0]!.path).toBe('query.colour');
    for (const limit of ['0', '101', 'ten']) {
      const res = await expectRejectedAndNothingWritten(() =>
        api.call('GET', `/v1/partners?limit=${limit}`, { token }),
      );
      expect(res.body.errors![0]!.path).toBe('query.limit');
    }
  });

  it('rejects a malformed If-Match and an empty PATCH', async () => {
    const token = api.token('admin');
    const path = `/v1/partners/${partner.id}`;
    const badEtag = await expectRejectedAndNothingWritten(() =>
      api.call('PATCH', path, { token, body: { tier: 'gold' }, headers: { 'if-match': 'one' } }),
    );
    expect(badEtag.body.errors![0]!.path).toBe('headers.if-match');
    expect(
      (
        await expectRejectedAndNothingWritten(() =>
          api.call('PATCH', path, { token, body: {}, headers: { 'if-match': '"1"' } }),
        )
      ).status,
    ).toBe(400);
  });

  it('rejects forged, edited and cross-query cursors', async () => {
    const token = api.token('admin');
    for (let i = 0; i < 3; i++) await createPartner(api, { kind: 'referral' });
    const page = await api.call('GET', '/v1/partners?kind=referral&limit=1', { token });
    const cursor = (page.body as { nextCursor: string }).nextCursor;
    expect(cursor).toBeDefined();

    const [payload, signature] = cursor.split('.') as [string, string];
    const forgedKey = Buffer.from(JSON.stringify({ PK: 'P#01ARZ3NDEKTSV4RRFFQ69G5FAV', SK: 'PARTNER' })).toString(
      'base64url',
    );
    const attempts = [
      `${forgedKey}.${signature}`, // another partition with a stolen signature
      `${payload}.${signature.slice(0, -2)}AA`, // tampered signature
      'garbage',
    ];
    for (const bad of attempts) {
      const res = await expectRejectedAndNothingWritten(() =>
        api.call('GET', `/v1/partners?kind=referral&limit=1&cursor=${encodeURIComponent(bad)}`, { token }),
      );
      expect(res.body.errors![0]!.path).toBe('query.cursor');
    }
    // A genuine cursor is bound to the query that produced it.
    const other = await expectRejectedAndNothingWritten(() =>
      api.call('GET', `/v1/partners?kind=reseller&limit=1&cursor=${encodeURIComponent(cursor)}`, { token }),
    );
    expect(other.status).toBe(400);
    const people = await expectRejectedAndNothingWritten(() =>
      api.call('GET', `/v1/partners/${partner.id}/users?cursor=${encodeURIComponent(cursor)}`, { token }),
    );
    expect(people.status).toBe(400);
  });

  it('covers every write route of the manifest in the fuzzing below', () => {
    const manifestWrites = httpFunctions()
      .flatMap((fn) => fn.routes)
      .filter((key) => !key.startsWith('GET '));
    expect(writeRoutes.map(routeKey).sort()).toEqual([...manifestWrites].sort());
    expect(writeRoutes.length).toBeGreaterThanOrEqual(38);
  });

  // Every write route of the manifest, on real resources, as a role allowed to call it: a body its schema
  // refuses is refused with 400 naming the field, never a 5xx, and writes nothing.
  it.each(writeRoutes.map((route) => ({ key: routeKey(route), route })))(
    'survives arbitrary bodies on $key (fuzzing)',
    async ({ route }) => {
      const role = allowedRoles(route.access as Action)[0]!;
      const token = api.token(role, isPartnerRole(role) ? ids.partnerId : undefined);
      // /v1/alerts/{alertId} gets the partner's alert: a real id (a program alert takes the forecast job to raise),
      // and the body is refused before any alert is read.
      const path = fillPath(route.path, ids);
      const headers = route.ifMatch === true ? { 'if-match': '"1"' } : {};
      await fc.assert(
        fc.asyncProperty(invalidBody(route), async (body) => {
          // Sent as JSON text: a bare string would otherwise go out as it is ("" as no body at all).
          const res = await expectRejectedAndNothingWritten(() =>
            api.call(route.method, path, { token, body: JSON.stringify(body), headers }),
          );
          expect(res.status).toBe(400);
          expect(res.body.errors!.length).toBeGreaterThan(0);
          for (const error of res.body.errors!) expect(error.path).toMatch(/^body(\.|$)/);
        }),
        { numRuns: 8 },
      );
    },
  );
});
