import { queueFunctions } from '#functions/manifest';
import { nowMs } from '#shared/clock';
import { createLocalIssuer } from '#infra/local/issuer';
import { startTestApi, type TestApi } from '#test/helpers/local-api';

// integration: the local runtime and test harness themselves (gateway, authorizer, local endpoints),
// independent of the business handlers.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

describe('local gateway', () => {
  it('answers 401 like the JWT authorizer when a protected route has no valid token', async () => {
    const none = await api.call('GET', '/v1/me');
    expect(none).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });

    const forged = await api.call('GET', '/v1/me', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
    expect(forged.status).toBe(401);

    // Signed by another issuer's key: a well-formed ES256 token that must still be refused.
    const stranger = await createLocalIssuer();
    const foreign = await api.call('GET', '/v1/me', { token: stranger.mint({ role: 'admin' }) });
    expect(foreign.status).toBe(401);
  });

  it('answers 404 like API Gateway for a route the manifest does not have', async () => {
    const res = await api.call('GET', '/v1/no-such-thing', { token: api.token('admin') });
    expect(res).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    expect((await api.call('DELETE', '/v1/health')).status).toBe(404);
  });

  it('refuses a body over the cap with 413 before any handler runs', async () => {
    const res = await api.call('POST', '/v1/partners', {
      token: api.token('admin'),
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(res).toMatchObject({ status: 413, body: { message: 'Request Entity Too Large' } });
  });

  it('serves GET /v1/health without a token', async () => {
    const res = await api.call('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers['apigw-requestid']).toBeTruthy();
  });
});

describe('local endpoints', () => {
  it('hands out tokens whose claims verify', async () => {
    const res = await api.call('GET', '/local/token?role=partner-admin&partnerId=P123&sub=user-1&email=a%40b.example');
    expect(res.status).toBe(200);
    const { token, claims } = res.body as { token: string; claims: Record<string, unknown> };
    expect(claims).toMatchObject({
      sub: 'user-1',
      email: 'a@b.example',
      'cognito:groups': ['partner-admin'],
      'custom:partner_id': 'P123',
      token_use: 'id',
      aud: 'accord-local',
    });
    const jwks = (await api.call('GET', '/local/jwks.json')).body as { keys: { kid: string }[] };
    expect(token.split('.')).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({
      alg: 'ES256',
      kid: jwks.keys[0]!.kid,
    });
    // The gateway accepts it: past the authorizer, whatever the handler then says.
    expect((await api.call('GET', '/v1/me', { token })).status).not.toBe(401);
  });

  it('refuses a bad role and a partner role without a partner with 400', async () => {
    const bad = await api.call('GET', '/local/token?role=root');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toBe('application/problem+json');
    expect((await api.call('GET', '/local/token?role=partner-user')).status).toBe(400);
  });

  it('moves the clock the handlers read', async () => {
    const before = nowMs();
    const moved = await api.call('POST', '/local/clock', { body: { advanceBy: 'P1DT6H' } });
    expect(moved.status).toBe(200);
    const expected = before + 30 * 3600 * 1000;
    expect(nowMs()).toBeGreaterThanOrEqual(expected);
    expect(nowMs()).toBeLessThan(expected + 60_000);
    const read = await api.call('GET', '/local/clock');
    expect(Date.parse((read.body as { now: string }).now)).toBeGreaterThanOrEqual(expected);

    await api.call('POST', '/local/clock', { body: { now: '2026-12-01T00:00:00Z' } });
    expect(Math.abs(nowMs() - Date.parse('2026-12-01T00:00:00Z'))).toBeLessThan(60_000);
    expect((await api.call('POST', '/local/clock', { body: { advanceBy: 'soon' } })).status).toBe(400);
    await api.call('POST', '/local/clock', { body: { reset: true } });
    expect(Math.abs(nowMs() - Date.now())).toBeLessThan(1_000);
  });

  it('lists the known jobs when asked for an unknown one', async () => {
    const res = await api.call('POST', '/local/jobs/no-such-job');
    expect(res.status).toBe(404);
    expect((res.body as { detail: string }).detail).toMatch(/known jobs: .*reminders/);
    await expect(api.runJob('no-such-job')).rejects.toThrow(/known jobs/);
  });

  it('runs a local queue for every queue function of the manifest', async () => {
    const res = await api.call('GET', '/local/queues');
    expect(res.status).toBe(200);
    const { queues } = res.body as { queues: { queue: string; function: string; waiting: number }[] };
    expect(
      queues.map(({ queue, function: fn }) => ({ queue, fn })).sort((a, b) => a.queue.localeCompare(b.queue)),
    ).toEqual(
      queueFunctions()
        .map((spec) => ({ queue: spec.queue, fn: spec.name }))
        .sort((a, b) => a.queue.localeCompare(b.queue)),
    );
  });

  it('drains an idle stream promptly', async () => {
    await expect(api.drainEvents()).resolves.toBeUndefined();
  });
});
