import { startTestApi, type TestApi } from '#test/helpers/local-api';

// integration: the local runtime serves the API reference at /docs with a self-hosted Redoc (no CDN), pointed at
// the OpenAPI document the api-docs function answers.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
}, 120_000);
afterAll(async () => {
  await api.stop();
});

describe('API reference at /docs', () => {
  it('answers an HTML page that loads the self-hosted Redoc script and the OpenAPI document', async () => {
    const page = await api.call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const html = page.body as string;
    expect(html).toContain('<script src="/docs/redoc.standalone.js"></script>');
    expect(html).toContain('spec-url="/v1/openapi.json"');
    // Offline: nothing is loaded from another host.
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('serves the Redoc script it references', async () => {
    const script = await api.call('GET', '/docs/redoc.standalone.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect((script.body as string).length).toBeGreaterThan(500_000);
    expect(script.body as string).toContain('Redoc');
  });

  it('points at a document that lists the operations', async () => {
    const document = await api.call('GET', '/v1/openapi.json');
    expect(document.status).toBe(200);
    const paths = (document.body as { paths: Record<string, Record<string, { operationId: string }>> }).paths;
    expect(paths['/v1/partners']!.post!.operationId).toBe('createPartner');
  });
});
