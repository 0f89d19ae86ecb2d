import type { HttpFunction } from '#functions/manifest';
import {
  buildHttpEvent,
  gatewayError,
  headersFromRaw,
  parseQuery,
  renderClaims,
  toGatewayResponse,
  unauthorized,
} from '#infra/local/apigw';
import { parseIsoDuration } from '#infra/local/local-endpoints';
import { compileRoutes, matchRoute } from '#infra/local/routes';

// unit: the local gateway's route matching and API Gateway event shaping, without sockets.
const fn = (name: string, routes: string[], publicRoutes: string[] = []): HttpFunction => ({
  name,
  entry: `functions/${name}.ts`,
  description: name,
  trigger: 'http',
  routes: routes as HttpFunction['routes'],
  publicRoutes: publicRoutes as HttpFunction['routes'],
  access: {},
});

const routes = compileRoutes([
  fn('partners', [
    'GET /v1/partners',
    'GET /v1/partners/{partnerId}',
    'GET /v1/partners/{partnerId}/users/{userId}',
    'GET /v1/partners/me',
  ]),
  fn('platform', ['GET /v1/health', 'GET /v1/files/{key+}'], ['GET /v1/health']),
]);

describe('route matching', () => {
  it('matches segment by segment and decodes path parameters', () => {
    const match = matchRoute(routes, 'GET', '/v1/partners/P%201/users/u%2F2');
    expect(match?.route.routeKey).toBe('GET /v1/partners/{partnerId}/users/{userId}');
    expect(match?.pathParameters).toEqual({ partnerId: 'P 1', userId: 'u/2' });
  });

  it('prefers a literal segment over a parameter, and knows public routes', () => {
    expect(matchRoute(routes, 'GET', '/v1/partners/me')?.route.routeKey).toBe('GET /v1/partners/me');
    expect(matchRoute(routes, 'GET', '/v1/partners/P1')?.pathParameters).toEqual({ partnerId: 'P1' });
    expect(matchRoute(routes, 'GET', '/v1/health')?.route.isPublic).toBe(true);
    expect(matchRoute(routes, 'GET', '/v1/partners')?.route.isPublic).toBe(false);
  });

  it('finds nothing for another method, extra or missing segments, or an empty parameter', () => {
    expect(matchRoute(routes, 'POST', '/v1/partners')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/v1/partners/P1/users')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/v1/partners/P1/extra/x/y')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/v1/partners//users/u1')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/v1/partners/')).toBeUndefined();
  });

  it('lets a greedy parameter take the rest of the path', () => {
    expect(matchRoute(routes, 'GET', '/v1/files/a/b c.pdf')?.pathParameters).toEqual({ key: 'a/b c.pdf' });
    expect(matchRoute(routes, 'GET', '/v1/files')).toBeUndefined();
  });

  it('refuses a route declared twice', () => {
    expect(() => compileRoutes([fn('a', ['GET /x']), fn('b', ['GET /x'])])).toThrow(/declared by both a and b/);
  });
});

describe('API Gateway event shape', () => {
  it('renders claims as the HTTP API authorizer does: strings, arrays as [a b]', () => {
    expect(
      renderClaims({
        sub: 's',
        'cognito:groups': ['partner-admin'],
        roles: ['a', 'b'],
        exp: 1700000000,
        email_verified: true,
      }),
    ).toEqual({
      sub: 's',
      'cognito:groups': '[partner-admin]',
      roles: '[a b]',
      exp: '1700000000',
      email_verified: 'true',
    });
  });

  it('joins repeated headers and query parameters with commas and moves cookies out of the headers', () => {
    expect(headersFromRaw(['X-A', '1', 'x-a', '2', 'Cookie', 'a=1; b=2', 'Host', 'h'])).toEqual({
      headers: { 'x-a': '1,2', host: 'h' },
      cookies: ['a=1', 'b=2'],
    });
    expect(parseQuery('a=1&a=2&b=x%20y')).toEqual({ a: '1,2', b: 'x y' });
    expect(parseQuery('')).toBeUndefined();
  });

  it('builds a payload 2.0 event with the route, parameters, claims and body', () => {
    const match = matchRoute(routes, 'GET', '/v1/partners/P1')!;
    const at = new Date('2026-03-12T19:03:58.390Z');
    const event = buildHttpEvent(
      {
        method: 'GET',
        url: '/v1/partners/P1?x=1',
        rawHeaders: ['User-Agent', 'ua', 'Host', 'localhost:3000'],
        body: Buffer.from('{"a":1}'),
        sourceIp: '127.0.0.1',
        httpVersion: '1.1',
        requestId: 'rid',
        port: 3000,
      },
      match,
      { sub: 's', 'cognito:groups': ['admin'] },
      at,
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/partners/{partnerId}',
      rawPath: '/v1/partners/P1',
      rawQueryString: 'x=1',
      queryStringParameters: { x: '1' },
      pathParameters: { partnerId: 'P1' },
      body: '{"a":1}',
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'GET /v1/partners/{partnerId}',
        stage: '$default',
        requestId: 'rid',
        time: '12/Mar/2026:19:03:58 +0000',
        timeEpoch: at.getTime(),
        http: { method: 'GET', path: '/v1/partners/P1', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'ua' },
        authorizer: { jwt: { claims: { sub: 's', 'cognito:groups': '[admin]' }, scopes: null } },
      },
    });
    expect(event.cookies).toBeUndefined();
  });

  it('turns a plain result into a 200 JSON response, as payload 2.0 does', () => {
    expect(toGatewayResponse({ ok: true })).toMatchObject({
      statusCode: 200,
      headers: [['content-type', 'application/json']],
    });
    const structured = toGatewayResponse({
      statusCode: 201,
      headers: { ETag: '"1"' },
      cookies: ['a=1'],
      body: 'aGk=',
      isBase64Encoded: true,
    });
    expect(structured.statusCode).toBe(201);
    expect(structured.headers).toEqual([
      ['etag', '"1"'],
      ['set-cookie', 'a=1'],
    ]);
    expect(structured.body.toString()).toBe('hi');
  });
});

describe('API Gateway’s own answers', () => {
  it('are {"message"} JSON, never problem+json, as HTTP APIs send them', () => {
    const notFound = gatewayError(404, 'Not Found');
    expect(notFound.headers).toEqual([['content-type', 'application/json']]);
    expect(notFound.body.toString()).toBe('{"message":"Not Found"}');
  });

  it('answer 401 with the JWT authorizer’s challenge: the bare scheme without a token, the reason for a refused one', () => {
    const missing = unauthorized();
    expect(missing.statusCode).toBe(401);
    expect(missing.body.toString()).toBe('{"message":"Unauthorized"}');
    expect(missing.headers).toEqual([
      ['content-type', 'application/json'],
      ['www-authenticate', 'Bearer'],
    ]);
    const refused = unauthorized('the token does not have a valid audience');
    expect(refused.body.toString()).toBe('{"message":"Unauthorized"}');
    expect(refused.headers).toContainEqual([
      'www-authenticate',
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    ]);
  });
});

describe('clock durations', () => {
  it('reads ISO-8601 durations in days, hours, minutes and seconds', () => {
    expect(parseIsoDuration('PT6H')).toBe(6 * 3600_000);
    expect(parseIsoDuration('P3D')).toBe(3 * 86_400_000);
    expect(parseIsoDuration('PT5M')).toBe(300_000);
    expect(parseIsoDuration('P1DT2H')).toBe(26 * 3600_000);
    expect(parseIsoDuration('PT1.5S')).toBe(1500);
    expect(parseIsoDuration('-PT1H')).toBe(-3600_000);
    for (const bad of ['P', 'PT', 'P1Y', 'P1M', '6h', 'P1DT']) expect(parseIsoDuration(bad)).toBeUndefined();
  });
});
