import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { addPerson, breachedSla, createPartner, moveTo, partnerInput } from '#test/helpers/fixtures';

// integration: real HTTP through the local gateway to the real handlers on DynamoDB Local.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

describe('platform', () => {
  it('answers health without a token once the table answers', async () => {
    const res = await api.call('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('tells a partner person who they are and which partner they belong to', async () => {
    const partner = await createPartner(api, { name: 'Who Am I GmbH' });
    const res = await api.call('GET', '/v1/me', { token: api.token('partner-user', partner.id, 'user-42') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sub: 'user-42',
      role: 'partner-user',
      partner: { id: partner.id, name: 'Who Am I GmbH', status: 'prospect' },
    });
  });

  it('serves the OpenAPI document', async () => {
    const res = await api.call('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect((res.body as { openapi: string }).openapi).toBe('3.1.0');
  });
});

describe('partners', () => {
  it('registers a partner as a prospect with its ETag, location, audit entry and event', async () => {
    const res = await api.call('POST', '/v1/partners', {
      token: api.token('manager', undefined, 'manager-1'),
      body: partnerInput({ name: 'Nordwind Devices', kind: 'distributor', ownerManager: 'Owner@Vendor.example' }),
    });
    expect(res.status).toBe(201);
    const partner = res.body as { id: string; status: string; version: number; ownerManager: string };
    expect(partner).toMatchObject({ status: 'prospect', version: 1, ownerManager: 'owner@vendor.example' });
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/v1/partners/${partner.id}`);

    const read = await api.call('GET', `/v1/partners/${partner.id}`, { token: api.token('admin') });
    expect(read.body).toEqual(partner);

    const audit = await api.call('GET', `/v1/audit?partnerId=${partner.id}`, { token: api.token('admin') });
    expect((audit.body as { items: { action: string; actor: { sub: string } }[] }).items).toEqual([
      expect.objectContaining({
        action: 'partner.created',
        actor: expect.objectContaining({ sub: 'manager-1' }) as unknown,
      }),
    ]);

    await api.drainEvents();
    const handled = (await api.tableItems()).filter(
      (i) => String(i.PK).startsWith('EVT#notifier#') && i.state === 'done',
    );
    const outbox = (await api.tableItems()).filter(
      (i) => i.type === 'OutboxEvent' && i.detailType === 'PartnerCreated',
    );
    const event = outbox.find((o) => (o.detail as { partnerId: string }).partnerId === partner.id);
    expect(event).toBeDefined();
    expect(handled.map((h) => h.PK)).toContain(`EVT#notifier#${(event!.detail as { eventId: string }).eventId}`);
  });

  it('registers cross-border partners under the current names of their time zones and schedules in them', async () => {
    const token = api.token('admin');
    // Renamed zones (ICU on Node 20 still calls them Asia/Calcutta, Europe/Kiev, America/Godthab) and a link.
    for (const timezone of [
      'Asia/Kolkata',
      'Europe/Kyiv',
      'America/Nuuk',
      'Asia/Ho_Chi_Minh',
      'US/Pacific',
      'Etc/GMT-3',
    ]) {
      const res = await api.call('POST', '/v1/partners', { token, body: partnerInput({ timezone }) });
      expect(res.status).toBe(201);
      expect((res.body as { timezone: string }).timezone).toBe(timezone);
    }
    const refused = await api.call('POST', '/v1/partners', { token, body: partnerInput({ timezone: '+05:30' }) });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('body.timezone');

    const india = await createPartner(api, { country: 'IN', timezone: 'Asia/Kolkata' });
    const meeting = await api.call('POST', `/v1/partners/${india.id}/check-ins`, {
      token: api.token('manager'),
      body: {
        kind: 'check-in',
        title: 'Call-center weekly',
        localStart: '2027-01-14T10:00',
        attendees: [{ name: 'Asha', side: 'partner' }],
      },
    });
    expect(meeting.status).toBe(201);
    expect(meeting.body).toMatchObject({
      localStart: '2027-01-14T10:00',
      startsAt: '2027-01-14T04:30:00.000Z',
      timezone: 'Asia/Kolkata',
    });

    const moved = await api.call('PATCH', `/v1/partners/${india.id}`, {
      token,
      body: { timezone: 'Europe/Kyiv' },
      headers: { 'if-match': '"1"' },
    });
    expect(moved.status).toBe(200);
    expect((moved.body as { timezone: string }).timezone).toBe('Europe/Kyiv');
  });

  it('filters the vendor list by status, kind and tier and pages through it with cursors', async () => {
    const tag = Math.random().toString(36).slice(2, 6);
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push(await createPartner(api, { name: `Filter ${tag} ${i}`, kind: 'supplier', tier: 'platinum' }));
    await moveTo(api, made[0]!, 'onboarding');

    const onboarding = await api.call('GET', '/v1/partners?status=onboarding&kind=supplier&tier=platinum', {
      token: api.token('manager'),
    });
    expect((onboarding.body as { items: { id: string }[] }).items.map((p) => p.id)).toContain(made[0]!.id);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.call(
        'GET',
        `/v1/partners?kind=supplier&tier=platinum&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        {
          token: api.token('manager'),
        },
      );
      expect(page.status).toBe(200);
      const body = page.body as { items: { id: string; kind: string }[]; nextCursor?: string };
      expect(body.items.length).toBeLessThanOrEqual(2);
      body.items.forEach((p) => expect(p.kind).toBe('supplier'));
      seen.push(...body.items.map((p) => p.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(made.map((p) => p.id)));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('finds partners by the start of their name in any case and by country, in name order either way', async () => {
    const tag = `Zq${Math.random().toString(36).slice(2, 7)}`;
    await createPartner(api, { name: `${tag} Bravo`, country: 'CL', timezone: 'America/Santiago' });
    const alpha = await createPartner(api, { name: `${tag} Alpha`, country: 'CL', timezone: 'America/Santiago' });
    const other = await createPartner(api, { name: `${tag} Charlie`, country: 'DE' });
    await moveTo(api, alpha, 'onboarding');
    const token = api.token('manager');
    const names = async (query: string) => {
      const res = await api.call('GET', `/v1/partners?${query}`, { token });
      expect(res.status).toBe(200);
      return (res.body as { items: { name: string }[] }).items.map((p) => p.name);
    };

    expect(await names(`q=${tag.toLowerCase()}`)).toEqual([`${tag} Alpha`, `${tag} Bravo`, `${tag} Charlie`]);
    expect(await names(`q=${tag.toUpperCase()}&order=desc`)).toEqual([
      `${tag} Charlie`,
      `${tag} Bravo`,
      `${tag} Alpha`,
    ]);
    expect(await names(`q=${tag}&country=CL`)).toEqual([`${tag} Alpha`, `${tag} Bravo`]);
    expect(await names(`q=${tag}&status=onboarding`)).toEqual([`${tag} Alpha`]);
    expect(await names(`status=onboarding&country=CL`)).toContain(`${tag} Alpha`);
    expect(await names(`q=${tag}%20b`)).toEqual([`${tag} Bravo`]);

    // A partner person's list still holds its own partner only, filters applied to it.
    const own = async (query: string) => {
      const res = await api.call('GET', `/v1/partners?${query}`, { token: api.token('partner-user', other.id) });
      return (res.body as { items: { id: string }[] }).items.map((p) => p.id);
    };
    expect(await own(`q=${tag}`)).toEqual([other.id]);
    expect(await own(`q=${tag}&country=CL`)).toEqual([]);

    // Bad values name the field and change nothing.
    const bad = await api.call('GET', '/v1/partners?country=chile&order=up', { token });
    expect(bad.status).toBe(400);
    const fields = (bad.body as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(fields).toEqual(expect.arrayContaining(['query.country', 'query.order']));
  });

  it('shows a partner person only its own partner', async () => {
    const own = await createPartner(api);
    await createPartner(api);
    const res = await api.call('GET', '/v1/partners', { token: api.token('partner-user', own.id) });
    expect(res.status).toBe(200);
    expect((res.body as { items: { id: string }[] }).items.map((p) => p.id)).toEqual([own.id]);
  });

  it('needs If-Match to change a partner, refuses a stale one and records what changed', async () => {
    const partner = await createPartner(api, { tier: 'silver' });
    const path = `/v1/partners/${partner.id}`;
    const token = api.token('admin');
    expect((await api.call('PATCH', path, { token, body: { tier: 'gold' } })).status).toBe(428);

    const updated = await api.call('PATCH', path, { token, body: { tier: 'gold' }, headers: { 'if-match': '"1"' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ tier: 'gold', version: 2 });
    expect(updated.headers.etag).toBe('"2"');

    const stale = await api.call('PATCH', path, { token, body: { tier: 'platinum' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toBe('application/problem+json');

    const audit = await api.call('GET', `/v1/audit?partnerId=${partner.id}`, { token });
    const entry = (audit.body as { items: { action: string; changes?: unknown }[] }).items[0];
    expect(entry).toMatchObject({ action: 'partner.updated', changes: { tier: { from: 'silver', to: 'gold' } } });
  });

  it('follows the lifecycle and refuses illegal transitions with 409', async () => {
    const partner = await createPartner(api);
    const illegal = await api.call('POST', `/v1/partners/${partner.id}/status`, {
      token: api.token('admin'),
      body: { status: 'active', reason: 'skip onboarding' },
      headers: { 'if-match': '"1"' },
    });
    expect(illegal.status).toBe(409);
    expect((illegal.body as { detail: string }).detail).toMatch(/from prospect/);

    const suspended = await moveTo(
      api,
      partner,
      'onboarding',
      'active',
      'suspended',
      'active',
      'suspended',
      'offboarded',
    );
    expect(suspended).toMatchObject({ status: 'offboarded', statusReason: 'to offboarded', version: 7 });
    const again = await api.call('POST', `/v1/partners/${partner.id}/status`, {
      token: api.token('admin'),
      body: { status: 'active', reason: 'come back' },
      headers: { 'if-match': '"7"' },
    });
    expect(again.status).toBe(409);

    await api.drainEvents();
    const changes = (await api.tableItems()).filter(
      (i) => i.detailType === 'PartnerStatusChanged' && (i.detail as { partnerId: string }).partnerId === partner.id,
    );
    expect(changes).toHaveLength(6);
  });

  it('stops monitoring an offboarded partner: its SLAs retire and their open alerts resolve', async () => {
    const partner = await createPartner(api);
    const { sla } = await breachedSla(api, partner.id);
    await moveTo(api, partner, 'offboarded');
    const token = api.token('admin');
    const read = await api.call('GET', `/v1/partners/${partner.id}/slas/${sla.id}`, { token });
    expect(read.body).toMatchObject({ status: 'retired' });
    const open = await api.call('GET', `/v1/partners/${partner.id}/alerts?status=open`, { token });
    expect((open.body as { items: unknown[] }).items).toHaveLength(0);
  });

  it('keeps partner people from changing partner records (403) and hides other partners (404)', async () => {
    const own = await createPartner(api);
    const other = await createPartner(api);
    const token = api.token('partner-admin', own.id);
    expect(
      (
        await api.call('PATCH', `/v1/partners/${own.id}`, {
          token,
          body: { tier: 'gold' },
          headers: { 'if-match': '"1"' },
        })
      ).status,
    ).toBe(403);
    expect((await api.call('GET', `/v1/partners/${other.id}`, { token })).status).toBe(404);
    expect(
      (await api.call('GET', `/v1/partners/01ARZ3NDEKTSV4RRFFQ69G5FAV`, { token: api.token('admin') })).status,
    ).toBe(404);
  });
});

describe('partner people', () => {
  it('lets a partner-admin add, change and remove its own people', async () => {
    const partner = await createPartner(api);
    const admin = api.token('partner-admin', partner.id);
    const added = await api.call('POST', `/v1/partners/${partner.id}/users`, {
      token: admin,
      body: { email: 'Sam.Lee@Reseller.example', name: 'Sam Lee', role: 'partner-user', title: 'Sales' },
    });
    expect(added.status).toBe(201);
    const user = added.body as { id: string; email: string; status: string };
    expect(user).toMatchObject({ email: 'sam.lee@reseller.example', status: 'active' });

    const promoted = await api.call('PATCH', `/v1/partners/${partner.id}/users/${user.id}`, {
      token: admin,
      body: { role: 'partner-admin' },
      headers: { 'if-match': '"1"' },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'partner-admin', version: 2 });

    const removed = await api.call('DELETE', `/v1/partners/${partner.id}/users/${user.id}`, {
      token: admin,
      headers: { 'if-match': '"2"' },
    });
    expect(removed.status).toBe(204);
    const list = await api.call('GET', `/v1/partners/${partner.id}/users`, {
      token: api.token('partner-user', partner.id),
    });
    expect((list.body as { items: { id: string; status: string }[] }).items).toEqual([
      expect.objectContaining({ id: user.id, status: 'disabled' }),
    ]);

    // The address is free again once its person is removed.
    const elsewhere = await createPartner(api);
    const readded = await api.call('POST', `/v1/partners/${elsewhere.id}/users`, {
      token: api.token('admin'),
      body: { email: 'sam.lee@reseller.example', name: 'Sam Lee', role: 'partner-admin' },
    });
    expect(readded.status).toBe(201);

    await api.drainEvents();
    const synced = (await api.tableItems()).filter(
      (i) => String(i.PK).startsWith('EVT#identity-sync#') && i.state === 'done',
    );
    expect(synced.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a second account for the same e-mail address', async () => {
    const a = await createPartner(api);
    const b = await createPartner(api);
    const person = await addPerson(api, a.id);
    const res = await api.call('POST', `/v1/partners/${b.id}/users`, {
      token: api.token('admin'),
      body: { email: person.email, name: 'Copy', role: 'partner-user' },
    });
    expect(res.status).toBe(409);
    expect((res.body as { errors: { path: string }[] }).errors[0]!.path).toBe('body.email');
  });

  it('lets a partner-user read but not manage people, and nobody reach another partner’s people', async () => {
    const own = await createPartner(api);
    const other = await createPartner(api);
    const person = await addPerson(api, other.id);
    const user = api.token('partner-user', own.id);
    expect(
      (
        await api.call('POST', `/v1/partners/${own.id}/users`, {
          token: user,
          body: { email: 'x@y.example', name: 'X', role: 'partner-user' },
        })
      ).status,
    ).toBe(403);
    const foreign = api.token('partner-admin', own.id);
    expect((await api.call('GET', `/v1/partners/${other.id}/users`, { token: foreign })).status).toBe(404);
    expect(
      (
        await api.call('DELETE', `/v1/partners/${other.id}/users/${person.id}`, {
          token: foreign,
          headers: { 'if-match': '"1"' },
        })
      ).status,
    ).toBe(404);
  });

  it('does not add people to an offboarded partner', async () => {
    const partner = await moveTo(api, await createPartner(api), 'offboarded');
    const res = await api.call('POST', `/v1/partners/${partner.id}/users`, {
      token: api.token('admin'),
      body: { email: 'late@example.com', name: 'Late', role: 'partner-user' },
    });
    expect(res.status).toBe(409);
  });
});

describe('audit trail', () => {
  it('gives a partner-admin its own trail only, and nothing to a partner-user', async () => {
    const own = await createPartner(api);
    const other = await createPartner(api);
    await addPerson(api, own.id);
    const trail = await api.call('GET', '/v1/audit', { token: api.token('partner-admin', own.id) });
    expect(trail.status).toBe(200);
    const items = (trail.body as { items: { partnerId: string; action: string }[] }).items;
    expect(items.map((i) => i.action)).toEqual(['user.added', 'partner.created']);
    items.forEach((i) => expect(i.partnerId).toBe(own.id));
    expect(
      (await api.call('GET', `/v1/audit?partnerId=${other.id}`, { token: api.token('partner-admin', own.id) })).status,
    ).toBe(404);
    expect((await api.call('GET', '/v1/audit', { token: api.token('partner-user', own.id) })).status).toBe(403);
  });

  it('gives vendor staff the whole program’s trail, newest first', async () => {
    const partner = await createPartner(api);
    const res = await api.call('GET', '/v1/audit?limit=1', { token: api.token('manager') });
    expect((res.body as { items: { entityId: string }[] }).items[0]!.entityId).toBe(partner.id);
    expect((res.body as { nextCursor?: string }).nextCursor).toBeDefined();
  });
});
