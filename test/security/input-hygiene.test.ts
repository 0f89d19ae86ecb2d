import { addPerson, createPartner, moveTo, personInput, type Created } from '#test/helpers/fixtures';
import { createLocalIssuer } from '#infra/local/issuer';
import { startTestApi, type TestApi } from '#test/helpers/local-api';

// integration (security): what free text may hold, what a refused e-mail address tells a partner, whose a list
// cursor is, what a suspended partner's people may do, and how creating PUTs and refusals read.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
}, 60_000);
afterAll(async () => {
  await api.stop();
});

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { path: string; message: string }[];
}

const problemOf = (res: { body: unknown }) => res.body as Problem;
const pathsOf = (res: { body: unknown }) => (problemOf(res).errors ?? []).map((e) => e.path);
const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();

describe('free text', () => {
  it('refuses control characters and unpaired surrogates with 400 naming the field, and writes nothing', async () => {
    const admin = api.token('admin');
    for (const name of [
      'a\u0000b',
      'Bell\u0007 GmbH',
      'Split\nName',
      'Tab\tName',
      'Broken \ud800 name',
      'Broken \udc00',
      'Line\u2028Sep',
      'C1\u0085',
    ]) {
      const res = await api.call('POST', '/v1/partners', {
        token: admin,
        body: { name, kind: 'reseller', tier: 'silver', country: 'DE', timezone: 'Europe/Berlin' },
      });
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(pathsOf(res)).toEqual(['body.name']);
    }
    const names = (
      (await api.call('GET', '/v1/partners?limit=100', { token: admin })).body as { items: { name: string }[] }
    ).items.map((p) => p.name);
    // eslint-disable-next-line no-control-regex -- the control characters are what the API must have refused
    expect(names.filter((n) => /[\u0000-\u001f\u2028\ud800-\udfff]/.test(n))).toEqual([]);
  });

  it('keeps tabs and line breaks in long texts, and emoji (paired surrogates) anywhere', async () => {
    const partner = await createPartner(api, { name: 'Émile & Söhne 😀' });
    expect(partner.name).toBe('Émile & Söhne 😀');
    const body = 'Three customers report drops:\n\t- after the 2.1 firmware\r\n\t- on 5 GHz only';
    const ok = await api.call('POST', `/v1/partners/${partner.id}/feedback`, {
      token: api.token('partner-user', partner.id),
      body: { kind: 'product-issue', title: 'Camera drops Wi-Fi 📷', body },
    });
    expect(ok.status).toBe(201);
    expect((ok.body as { body: string }).body).toBe(body);

    const nul = await api.call('POST', `/v1/partners/${partner.id}/feedback`, {
      token: api.token('partner-user', partner.id),
      body: { kind: 'product-issue', title: 'Camera drops Wi-Fi', body: 'a\u0000b' },
    });
    expect(nul.status).toBe(400);
    expect(pathsOf(nul)).toEqual(['body.body']);
    const twoLineTitle = await api.call('POST', `/v1/partners/${partner.id}/feedback`, {
      token: api.token('partner-user', partner.id),
      body: { kind: 'product-issue', title: 'Camera\ndrops', body: 'fine' },
    });
    expect(pathsOf(twoLineTitle)).toEqual(['body.title']);
    const feedback = (await api.call('GET', `/v1/partners/${partner.id}/feedback`, { token: api.token('admin') }))
      .body as { items: unknown[] };
    expect(feedback.items).toHaveLength(1);
  });
});

describe('an e-mail address held elsewhere', () => {
  let holder: Created;
  let held: Created;
  let formerHeld: Created;
  let asker: Created;
  beforeAll(async () => {
    holder = await createPartner(api);
    held = await addPerson(api, holder.id);
    const former = await createPartner(api);
    formerHeld = await addPerson(api, former.id);
    await moveTo(api, former, 'offboarded');
    asker = await createPartner(api);
  }, 60_000);

  const addAs = (token: string, partnerId: string, email: unknown) =>
    api.call('POST', `/v1/partners/${partnerId}/users`, { token, body: personInput({ email }) });

  it('gives a partner admin one answer that reveals nothing of the other partner or its person', async () => {
    const token = api.token('partner-admin', asker.id);
    const atAnotherPartner = await addAs(token, asker.id, held.email);
    const atAnOffboardedPartner = await addAs(token, asker.id, formerHeld.email);
    expect(atAnotherPartner.status).toBe(409);
    const { instance: _a, ...first } = problemOf(atAnotherPartner);
    const { instance: _b, ...second } = problemOf(atAnOffboardedPartner);
    expect(second).toEqual(first);
    expect(first.detail).toMatch(/cannot be added/);
    expect(first.errors).toEqual([{ path: 'body.email', message: 'cannot be added' }]);
    const said = JSON.stringify(atAnotherPartner.body);
    for (const secret of [holder.id, held.id, 'another partner', 'already', 'exists'])
      expect(said).not.toContain(secret);
    expect(
      (await api.call('GET', `/v1/partners/${asker.id}/users`, { token }).then((r) => r.body as { items: unknown[] }))
        .items,
    ).toEqual([]);
  });

  it('names the partner admin’s own person, and tells the vendor who holds the address', async () => {
    const own = await addPerson(api, asker.id);
    const again = await addAs(api.token('partner-admin', asker.id), asker.id, own.email);
    expect(again.status).toBe(409);
    expect(problemOf(again).detail).toContain(own.id);

    const vendor = await addAs(api.token('manager'), asker.id, held.email);
    expect(vendor.status).toBe(409);
    expect(problemOf(vendor).detail).toContain(holder.id);
    expect(problemOf(vendor).detail).toContain(held.id);
  });
});

describe('list cursors', () => {
  it('are bound to the caller: a vendor cursor replayed by the partner’s own person is a 400 naming cursor, and back', async () => {
    const partner = await createPartner(api);
    for (let i = 0; i < 3; i++) await addPerson(api, partner.id);
    const path = `/v1/partners/${partner.id}/users?limit=1`;
    const vendorPage = (await api.call('GET', path, { token: api.token('admin') })).body as { nextCursor: string };
    expect(vendorPage.nextCursor).toBeTruthy();
    const cursor = encodeURIComponent(vendorPage.nextCursor);

    expect((await api.call('GET', `${path}&cursor=${cursor}`, { token: api.token('manager') })).status).toBe(200);
    const replayed = await api.call('GET', `${path}&cursor=${cursor}`, {
      token: api.token('partner-user', partner.id),
    });
    expect(replayed.status).toBe(400);
    expect(pathsOf(replayed)).toEqual(['query.cursor']);

    const partnerPage = (await api.call('GET', path, { token: api.token('partner-user', partner.id) })).body as {
      nextCursor: string;
    };
    const partnerCursor = encodeURIComponent(partnerPage.nextCursor);
    expect(
      (await api.call('GET', `${path}&cursor=${partnerCursor}`, { token: api.token('partner-admin', partner.id) }))
        .status,
    ).toBe(200);
    const byVendor = await api.call('GET', `${path}&cursor=${partnerCursor}`, { token: api.token('admin') });
    expect(pathsOf(byVendor)).toEqual(['query.cursor']);
  });
});

describe('a suspended partner', () => {
  it('lets its people read and not write; the vendor keeps writing and reinstates it', async () => {
    const partner = await moveTo(api, await createPartner(api), 'onboarding', 'active', 'suspended');
    const user = api.token('partner-user', partner.id);
    const partnerAdmin = api.token('partner-admin', partner.id);

    const refused = [
      await api.call('POST', `/v1/partners/${partner.id}/metrics`, {
        token: user,
        body: { points: [{ metric: 'csat', at: hourAgo(), value: 4 }] },
      }),
      await api.call('POST', `/v1/partners/${partner.id}/feedback`, {
        token: user,
        body: { kind: 'praise', title: 'Great launch', body: 'Thanks' },
      }),
      await api.call('POST', `/v1/partners/${partner.id}/users`, { token: partnerAdmin, body: personInput() }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(problemOf(res)).toMatchObject({
        type: 'https://accord.dev/problems/partnership-inactive',
        detail: expect.stringMatching(/suspended/) as unknown,
      });
    }

    expect((await api.call('GET', `/v1/partners/${partner.id}`, { token: user })).status).toBe(200);
    expect(
      (
        await api
          .call('GET', `/v1/partners/${partner.id}/users`, { token: partnerAdmin })
          .then((r) => r.body as { items: unknown[] })
      ).items,
    ).toEqual([]);
    expect(
      (
        await api
          .call('GET', `/v1/partners/${partner.id}/feedback`, { token: user })
          .then((r) => r.body as { items: unknown[] })
      ).items,
    ).toEqual([]);

    await addPerson(api, partner.id);
    const reinstated = await moveTo(api, partner, 'active');
    expect(reinstated.status).toBe('active');
    const after = await api.call('POST', `/v1/partners/${partner.id}/feedback`, {
      token: user,
      body: { kind: 'praise', title: 'Great launch', body: 'Thanks' },
    });
    expect(after.status).toBe(201);
  });

  it('lets the people of an offboarded partner change nothing', async () => {
    const partner = await moveTo(api, await createPartner(api), 'offboarded');
    const res = await api.call('POST', `/v1/partners/${partner.id}/feedback`, {
      token: api.token('partner-user', partner.id),
      body: { kind: 'praise', title: 'Hello', body: 'Still here?' },
    });
    expect(res.status).toBe(403);
    expect(problemOf(res).detail).toMatch(/ended/);
  });
});

describe('creating PUTs and refusals', () => {
  it('answers 201 with Location when a PUT creates, and 200 when it replaces', async () => {
    const sku = `HYG-${Date.now().toString(36).toUpperCase()}`;
    const admin = api.token('admin');
    expect(
      (
        await api.call('POST', '/v1/products', {
          token: admin,
          body: { sku, name: 'Hygiene cam', family: 'cameras', unit: 'pcs', leadTimeDays: 10 },
        })
      ).status,
    ).toBe(201);
    const level = { onHand: 10, allocated: 2, sharedWith: 'none' };
    const created = await api.call('PUT', `/v1/inventory/${sku}/DE-HAM`, { token: admin, body: level });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/v1/inventory/${sku}/DE-HAM`);
    expect(created.headers.etag).toBe('"1"');
    expect((await api.call('GET', created.headers.location!, { token: admin })).body).toMatchObject({
      sku,
      onHand: 10,
    });

    const replaced = await api.call('PUT', `/v1/inventory/${sku}/DE-HAM`, {
      token: admin,
      body: { ...level, onHand: 12 },
      headers: { 'if-match': '"1"' },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.location).toBeUndefined();

    const partner = await createPartner(api);
    const disclosure = await api.call('PUT', `/v1/partners/${partner.id}/disclosures/partner`, {
      token: api.token('partner-admin', partner.id),
      body: { summary: 'We need demo units' },
    });
    expect(disclosure.status).toBe(201);
    expect(disclosure.headers.location).toBe(`/v1/partners/${partner.id}/disclosures/partner`);
  });

  it('tells a person in a sentence what their role may not do', async () => {
    const partner = await createPartner(api);
    const res = await api.call('POST', `/v1/partners/${partner.id}/agreements/01JZ0000000000000000000000/signatures`, {
      token: api.token('partner-user', partner.id),
      body: { version: 1 },
    });
    expect(res.status).toBe(403);
    expect(problemOf(res).detail).toBe('Partner users may not sign agreements.');
  });
});

describe('the gateway’s own answers', () => {
  it('are API Gateway’s {"message"} JSON for no token, a refused token and no route; Accord’s errors are problem+json', async () => {
    const none = await api.call('GET', '/v1/me');
    expect(none).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect(none.headers['content-type']).toBe('application/json');
    expect(none.headers['www-authenticate']).toBe('Bearer');

    const stranger = await createLocalIssuer();
    const refused = await api.call('GET', '/v1/me', { token: stranger.mint({ role: 'admin' }) });
    expect(refused.body).toEqual({ message: 'Unauthorized' });
    expect(refused.headers['www-authenticate']).toBe(
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid signature"',
    );

    for (const [method, path] of [
      ['GET', '/v1/no-such-thing'],
      ['DELETE', '/v1/partners'],
    ]) {
      const noRoute = await api.call(method!, path!, { token: api.token('admin') });
      expect(noRoute.status).toBe(404);
      expect(noRoute.body).toEqual({ message: 'Not Found' });
      expect(noRoute.headers['content-type']).toBe('application/json');
      expect(noRoute.headers['apigw-requestid']).toBeTruthy();
    }

    const accord = await api.call('GET', '/v1/partners/01JZ0000000000000000000000', { token: api.token('admin') });
    expect(accord.status).toBe(404);
    expect(accord.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problemOf(accord)).toMatchObject({ status: 404, type: 'https://accord.dev/problems/not-found' });
  });
});
