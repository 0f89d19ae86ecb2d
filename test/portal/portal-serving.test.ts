import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '#infra/local/handlers';
import { startTestApi, type TestApi } from '#test/helpers/local-api';

const run = promisify(execFile);

// integration: the local gateway serves the built portal at its own origin, next to the API it calls.
let api: TestApi;
beforeAll(async () => {
  // As `npm start` does: build when the build is missing or older than the portal's sources.
  await run(join(projectRoot, 'node_modules/.bin/tsx'), ['portal/scripts/build-if-stale.ts'], { cwd: projectRoot });
  api = await startTestApi();
}, 300_000);
afterAll(async () => {
  await api?.stop();
});

const get = async (path: string) => {
  const res = await fetch(`${api.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

describe('the portal on the local runtime', () => {
  it('opens at / and at every deep link, including the direct sign-in link', async () => {
    for (const path of ['/', '/partners', '/agreements/123', '/local/sign-in?role=manager']) {
      const page = await get(path);
      expect({ path, status: page.status, type: page.type }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(page.text).toContain('<div id="root">');
    }
  });

  it("serves the build's scripts and styles, and a 404 for a file it does not have", async () => {
    const index = await get('/');
    const assets = [...index.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    for (const asset of assets) {
      const file = await get(asset);
      expect({ asset, status: file.status }).toEqual({ asset, status: 200 });
      expect(file.type).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
    }
    // Compressed when the browser asks, as CloudFront does (Node's fetch asks for gzip and inflates the body).
    const script = await fetch(`${api.url}${assets.find((a) => a.endsWith('.js'))}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(script.headers.get('content-encoding')).toBe('gzip');
    expect((await script.text()).length).toBeGreaterThan(Number(script.headers.get('content-length')));
    expect((await get('/assets/no-such-chunk.js')).status).toBe(404);
    // Nothing outside portal/dist, however the path is spelled.
    expect((await get('/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });

  it('leaves the API, the local endpoints and the API reference as they were', async () => {
    expect(await api.call('GET', '/v1/no-such-thing', { token: api.token('admin') })).toMatchObject({
      status: 404,
      body: { message: 'Not Found' },
    });
    expect((await api.call('GET', '/v1/health')).status).toBe(200);
    expect((await api.call('GET', '/local/no-such-endpoint')).status).toBe(404);
    expect((await get('/docs')).text).toContain('<redoc');
  });
});
