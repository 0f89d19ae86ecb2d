import { allowedRoles } from '#functions/policy';
import { roles } from '#shared/auth/roles';
import { buildOpenApi } from '#functions/platform/openapi';
import { allRoutes } from '#functions/platform/all-routes';
import { docsRoutes } from '#functions/platform/api-docs';

// The parts of the OpenAPI document these tests read; buildOpenApi returns it as an untyped record.
interface Schema {
  type?: string;
  format?: string;
  enum?: string[];
  maxLength?: number;
  additionalProperties?: boolean | Schema;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
}
interface Media {
  schema: Schema;
  example?: unknown;
}
interface Response {
  $ref?: string;
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, Media>;
}
interface Operation {
  operationId: string;
  description: string;
  tags: string[];
  security?: unknown[];
  parameters: { name: string; in: string }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, Response>;
}
interface Document {
  openapi: string;
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, Response> };
}

// unit: the OpenAPI document comes from the same schemas the pipeline validates with.
describe('OpenAPI document', () => {
  const routes = [...allRoutes(), ...docsRoutes];
  const doc = buildOpenApi(routes, { version: 'test', maxBodyBytes: 65_536 }) as unknown as Document;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );
  const op = (method: string, path: string) => doc.paths[path]![method]!;

  it('is OpenAPI 3.1 and documents every route', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const r of allRoutes()) expect(doc.paths[r.path]?.[r.method.toLowerCase()]).toBeDefined();
  });

  it('describes request bodies as closed objects with bounded strings', () => {
    const body = doc.paths['/v1/partners']!.post!.requestBody!.content['application/json']!.schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(expect.arrayContaining(['name', 'kind', 'country', 'timezone']));
    expect(body.properties!.name!.maxLength).toBe(200);
    expect(body.properties!.kind!.enum).toContain('distributor');
  });

  it('documents path and query parameters, If-Match and Idempotency-Key', () => {
    const patch = doc.paths['/v1/partners/{partnerId}']!.patch!;
    const names = patch.parameters.map((p) => `${p.in}:${p.name}`);
    expect(names).toEqual(expect.arrayContaining(['path:partnerId', 'header:If-Match']));
    const list = doc.paths['/v1/partners']!.get!.parameters.map((p) => p.name);
    expect(list).toEqual(expect.arrayContaining(['status', 'kind', 'tier', 'limit', 'cursor']));
    const create = doc.paths['/v1/partners']!.post!.parameters.map((p) => p.name);
    expect(create).toContain('Idempotency-Key');
  });

  it('marks health and the document itself as public', () => {
    expect(doc.paths['/v1/health']!.get!.security).toEqual([]);
    expect(doc.paths['/v1/partners']!.get!.security).toBeUndefined();
  });

  it('names every operation with a short, unique operationId, a description and a defined tag', () => {
    const ids = operations.map(({ op: o }) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]{2,31}$/);
    expect(op('patch', '/v1/partners/{partnerId}').operationId).toBe('updatePartner');
    expect(op('post', '/v1/partners/{partnerId}/agreements/{agreementId}/signatures').operationId).toBe(
      'signAgreement',
    );
    const defined = new Map(doc.tags.map((t) => [t.name, t.description]));
    for (const { path, op: o } of operations) {
      expect({ path, description: o.description.length > 40 }).toEqual({ path, description: true });
      for (const tag of o.tags)
        expect({ path, tag, defined: Boolean(defined.get(tag)) }).toEqual({ path, tag, defined: true });
    }
  });

  it('says who may call each operation, from the policy', () => {
    expect(op('post', '/v1/partners').description).toContain('Roles: `admin`, `manager`.');
    expect(op('get', '/v1/health').description).toContain('No authentication.');
  });

  it('shows an example request for every write, one its own body schema accepts', () => {
    for (const r of routes.filter((route) => route.body)) {
      const parsed = r.body!.safeParse(r.example);
      expect({ route: `${r.method} ${r.path}`, issues: parsed.success ? [] : parsed.error.issues }).toEqual({
        route: `${r.method} ${r.path}`,
        issues: [],
      });
      if (r.bodyDoc)
        expect({ route: r.path, documented: r.bodyDoc.safeParse(r.example).success }).toEqual({
          route: r.path,
          documented: true,
        });
      expect(op(r.method.toLowerCase(), r.path).requestBody!.content['application/json']!.example).toEqual(r.example);
    }
  });

  it('lists the errors each operation can give, derived from the route', () => {
    for (const r of routes) {
      const statuses = Object.keys(op(r.method.toLowerCase(), r.path).responses).map(Number);
      const authenticated = r.access !== 'public';
      const expected = {
        400: true,
        401: authenticated,
        403: authenticated || 403 in r.responses,
        404: r.path.includes('{') || 404 in r.responses,
        409: (authenticated && r.method === 'POST') || 409 in r.responses,
        412: Boolean(r.ifMatch) || 412 in r.responses,
        413: Boolean(r.body) || 413 in r.responses,
        415: Boolean(r.body),
        422: authenticated && r.method === 'POST',
        428: Boolean(r.ifMatch) || 428 in r.responses,
        429: true,
      };
      const actual = Object.fromEntries(Object.keys(expected).map((s) => [s, statuses.includes(Number(s))]));
      expect({ route: `${r.method} ${r.path}`, ...actual }).toEqual({ route: `${r.method} ${r.path}`, ...expected });
      for (const declared of Object.keys(r.responses)) expect(statuses).toContain(Number(declared));
    }
  });

  it('explains 403 by role where a role may not call, and keeps what a route says about a status', () => {
    const create = op('post', '/v1/partners');
    expect(roles.filter((role) => !allowedRoles('partner:create').includes(role))).not.toHaveLength(0);
    expect(create.responses[403]).toEqual({ $ref: '#/components/responses/Forbidden' });
    expect(op('get', '/v1/partners').responses[403]).toEqual({ $ref: '#/components/responses/NoRole' });
    const status = op('post', '/v1/partners/{partnerId}/status').responses[409]!;
    expect(status.description).toMatch(
      /^Transition not allowed from the current status; or a request with the same Idempotency-Key/,
    );
    expect(status.headers!['Retry-After']).toBeDefined();
    expect(doc.components.responses.Unauthorized!.content!['application/json']!.schema).toEqual({
      $ref: '#/components/schemas/GatewayMessage',
    });
    expect(op('post', '/v1/partners/{partnerId}/metrics').responses[413]!.description).toMatch(/\d+ bytes/);
  });

  it('documents ETag where the handler answers with a version, and Location on creates', () => {
    expect(op('get', '/v1/partners/{partnerId}').responses[200]!.headers!.ETag).toBeDefined();
    expect(op('get', '/v1/partners').responses[200]!.headers).toBeUndefined();
    expect(op('patch', '/v1/partners/{partnerId}/slas/{slaId}').responses[200]!.headers!.ETag).toBeDefined();
    expect(op('post', '/v1/partners').responses[201]!.headers).toEqual({
      ETag: expect.any(Object) as unknown,
      Location: expect.any(Object) as unknown,
    });
    // A create-or-replace PUT answers 201 with Location when it creates and 200 when it replaces.
    for (const r of routes.filter((route) => route.ifMatch === 'create-or-replace')) {
      const responses = op(r.method.toLowerCase(), r.path).responses;
      expect(responses[200]).toBeDefined();
      expect(responses[201]!.headers!.Location).toBeDefined();
      expect(responses[201]!.content).toEqual(responses[200]!.content);
    }
    expect(op('put', '/v1/inventory/{sku}/{location}').responses[201]).toBeDefined();
    // The handler is the only place that knows whether it answers with a version: its source says so.
    for (const r of routes) {
      const success = Object.entries(op(r.method.toLowerCase(), r.path).responses).filter(([s]) => Number(s) < 300);
      const documented = success.some(([, res]) => res.headers?.ETag !== undefined);
      const answersVersion = /\.version\s*\)|version:\s*\w+\.version/.test(r.handler.toString());
      expect({ route: `${r.method} ${r.path}`, etag: documented }).toEqual({
        route: `${r.method} ${r.path}`,
        etag: answersVersion,
      });
    }
  });

  it('describes e-mail fields as e-mail strings and leaves no schema empty', () => {
    const partner = op('get', '/v1/partners/{partnerId}').responses[200]!.content!['application/json']!.schema;
    expect(partner.properties!.ownerManager).toMatchObject({ type: 'string', format: 'email' });
    expect(partner.properties!.primaryContact!.properties!.email).toMatchObject({ type: 'string', format: 'email' });
    const empty: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (!value || typeof value !== 'object') return;
      if (!Array.isArray(value) && Object.keys(value).length === 0 && /(schema|properties\/[^/]+|items)$/.test(path))
        empty.push(path);
      for (const [key, child] of Object.entries(value)) walk(child, `${path}/${key}`);
    };
    walk(doc.paths, '');
    expect(empty).toEqual([]);
  });

  it('documents the bodies of batches item by item, and records keyed by an enum as their properties', () => {
    const points = op('post', '/v1/partners/{partnerId}/metrics').requestBody!.content['application/json']!.schema
      .properties!.points!;
    expect(points.items!.anyOf!.map((p) => p.required)).toEqual([
      expect.arrayContaining(['metric', 'at', 'value']),
      expect.arrayContaining(['metric', 'at', 'good', 'total']),
    ]);
    const dashboard = op('get', '/v1/dashboard').responses[200]!.content!['application/json']!.schema;
    expect(Object.keys(dashboard.properties!.partnersByHealth!.properties!)).toEqual([
      'healthy',
      'at-risk',
      'critical',
      'no-data',
    ]);
  });

  it('documents a check-in’s calendar file with its content type', () => {
    const ics = op('get', '/v1/partners/{partnerId}/check-ins/{checkInId}.ics');
    expect(ics.operationId).toBe('getCheckInCalendar');
    expect(Object.keys(ics.responses[200]!.content!)).toEqual(['text/calendar']);
    expect(ics.responses[200]!.headers!.ETag).toBeDefined();
    expect(ics.parameters.map((p) => p.name)).toEqual(['partnerId', 'checkInId']);
  });
});
