import { buildOpenApi } from '#functions/platform/openapi';
import { allRoutes } from '#functions/platform/all-routes';

// unit: the OpenAPI document comes from the same schemas the pipeline validates with.
describe('OpenAPI document', () => {
  const doc = buildOpenApi(allRoutes(), { version: 'test' }) as {
    openapi: string;
    paths: Record<string, Record<string, any>>;
  };

  it('is OpenAPI 3.1 and documents every route', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const r of allRoutes()) expect(doc.paths[r.path]?.[r.method.toLowerCase()]).toBeDefined();
  });

  it('describes request bodies as closed objects with bounded strings', () => {
    const body = doc.paths['/v1/partners']!.post.requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(expect.arrayContaining(['name', 'kind', 'country', 'timezone']));
    expect(body.properties.name.maxLength).toBe(200);
    expect(body.properties.kind.enum).toContain('distributor');
  });

  it('documents path and query parameters, If-Match and Idempotency-Key', () => {
    const patch = doc.paths['/v1/partners/{partnerId}']!.patch;
    const names = patch.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(names).toEqual(expect.arrayContaining(['path:partnerId', 'header:If-Match']));
    const list = doc.paths['/v1/partners']!.get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual(expect.arrayContaining(['status', 'kind', 'tier', 'limit', 'cursor']));
    const create = doc.paths['/v1/partners']!.post.parameters.map((p: { name: string }) => p.name);
    expect(create).toContain('Idempotency-Key');
  });

  it('marks health and the document itself as public', () => {
    expect(doc.paths['/v1/health']!.get.security).toEqual([]);
    expect(doc.paths['/v1/partners']!.get.security).toBeUndefined();
  });
});
