import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createPartner, partnerInput } from '#test/helpers/fixtures';

// integration: lost updates and duplicate creates, the two failures users notice most.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const partnersNamed = async (name: string) =>
  (await api.tableItems()).filter((i) => i.type === 'Partner' && i.name === name);

describe('concurrent updates', () => {
  it('lets exactly one of 20 PATCHes with the same If-Match win; the rest get 412 and nothing is lost', async () => {
    const partner = await createPartner(api);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.call('PATCH', `/v1/partners/${partner.id}`, {
          token: api.token('admin'),
          body: { tags: [`writer-${i}`] },
          headers: { 'if-match': '"1"' },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);

    const winner = results.find((r) => r.status === 200)!.body as { tags: string[] };
    const now = await api.call('GET', `/v1/partners/${partner.id}`, { token: api.token('admin') });
    expect(now.body).toMatchObject({ version: 2, tags: winner.tags });
    const audit = await api.call('GET', `/v1/audit?partnerId=${partner.id}`, { token: api.token('admin') });
    expect(
      (audit.body as { items: { action: string }[] }).items.filter((i) => i.action === 'partner.updated'),
    ).toHaveLength(1);
  });
});

describe('Idempotency-Key', () => {
  it('returns the first response to a retried POST and creates one partner', async () => {
    const body = partnerInput({ name: 'Retry Retail' });
    const headers = { 'idempotency-key': 'create-retry-retail-0001' };
    const first = await api.call('POST', '/v1/partners', {
      token: api.token('admin', undefined, 'retrier'),
      body,
      headers,
    });
    const second = await api.call('POST', '/v1/partners', {
      token: api.token('admin', undefined, 'retrier'),
      body,
      headers,
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers.location).toBe(first.headers.location);
    expect(await partnersNamed('Retry Retail')).toHaveLength(1);
  });

  it('creates one partner when the same request races itself', async () => {
    const body = partnerInput({ name: 'Racing Retail' });
    const headers = { 'idempotency-key': 'create-racing-retail-0001' };
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.call('POST', '/v1/partners', { token: api.token('admin', undefined, 'racer'), body, headers }),
      ),
    );
    results.forEach((r) => expect([201, 409]).toContain(r.status));
    expect(await partnersNamed('Racing Retail')).toHaveLength(1);
    const created = results.filter((r) => r.status === 201).map((r) => (r.body as { id: string }).id);
    expect(new Set(created).size).toBe(1);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const headers = { 'idempotency-key': 'create-changed-body-0001' };
    await api.call('POST', '/v1/partners', {
      token: api.token('admin', undefined, 'changer'),
      body: partnerInput({ name: 'First Body' }),
      headers,
    });
    await api.drainEvents(); // consumers of the first request finish first: only the second could change the table
    const before = (await api.tableItems()).length;
    const res = await api.call('POST', '/v1/partners', {
      token: api.token('admin', undefined, 'changer'),
      body: partnerInput({ name: 'Second Body' }),
      headers,
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect((await api.tableItems()).length).toBe(before);
    expect(await partnersNamed('Second Body')).toHaveLength(0);
  });

  it('keeps one caller’s keys apart from another’s', async () => {
    const headers = { 'idempotency-key': 'shared-key-between-users' };
    const a = await api.call('POST', '/v1/partners', {
      token: api.token('admin', undefined, 'alice'),
      body: partnerInput({ name: 'Alice Co' }),
      headers,
    });
    const b = await api.call('POST', '/v1/partners', {
      token: api.token('admin', undefined, 'bob'),
      body: partnerInput({ name: 'Bob Co' }),
      headers,
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect((b.body as { name: string }).name).toBe('Bob Co');
  });
});
