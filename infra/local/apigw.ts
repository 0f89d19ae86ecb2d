import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from '#infra/local/handlers';
import type { RouteMatch } from '#infra/local/routes';

/**
 * The HTTP API's payload format 2.0, both ways: the event a Lambda receives for a request, and how the
 * gateway turns what the Lambda returns into an HTTP response. Kept apart from the server so it can be
 * tested without sockets.
 */

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent (`/v1/partners?limit=5`). */
  url: string;
  /** Node's `rawHeaders`: name, value, name, value... with repeats preserved. */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  httpVersion: string;
  requestId: string;
  /** Port the gateway listens on (x-forwarded-port). */
  port: number;
}

export interface GatewayResponse {
  statusCode: number;
  headers: [string, string][];
  body: Buffer;
}

export function newRequestId(): string {
  // HTTP API request ids look like `Jx4sEgN0IAMEV2A=`.
  return randomBytes(10).toString('base64');
}

export function splitUrl(url: string): { rawPath: string; rawQueryString: string } {
  const q = url.indexOf('?');
  return q < 0 ? { rawPath: url, rawQueryString: '' } : { rawPath: url.slice(0, q), rawQueryString: url.slice(q + 1) };
}

/**
 * The event API Gateway sends. `claims` is undefined on public routes: there the authorizer does not run and
 * the event has no `authorizer` at all (the type says otherwise; handlers of public routes must not read it).
 */
export function buildHttpEvent(
  req: RawRequest,
  match: RouteMatch,
  claims: Record<string, unknown> | undefined,
  at = new Date(),
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { rawPath, rawQueryString } = splitUrl(req.url);
  const { headers, cookies } = headersFromRaw(req.rawHeaders);
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${req.sourceIp}`
    : req.sourceIp;
  headers['x-forwarded-port'] = String(req.port);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??=
    `Root=1-${Math.floor(at.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  const domainName = (headers.host ?? 'localhost').replace(/:\d+$/, '');
  const queryStringParameters = parseQuery(rawQueryString);
  const hasParams = Object.keys(match.pathParameters).length > 0;
  const event = {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(hasParams ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: req.method,
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: req.requestId,
      routeKey: match.route.routeKey,
      stage: '$default',
      time: apiGatewayTime(at),
      timeEpoch: at.getTime(),
      ...(claims
        ? {
            authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: renderClaims(claims), scopes: null } },
          }
        : {}),
    },
    ...(req.body.length > 0 ? { body: req.body.toString('utf8') } : {}),
    isBase64Encoded: false,
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** Header names lowercased, repeats joined by ','; the Cookie header goes to `cookies`, one per cookie. */
export function headersFromRaw(rawHeaders: string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    const value = rawHeaders[i + 1] ?? '';
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

/** Decoded query parameters, repeats joined by ','; undefined when there is no query (as in AWS). */
export function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    params[name] = name in params ? `${params[name]},${value}` : value;
  }
  return Object.keys(params).length > 0 ? params : undefined;
}

/**
 * JWT claims as the HTTP API authorizer hands them over: every value a string; arrays as `[a b]`
 * (so `cognito:groups` arrives as `"[partner-admin]"`), numbers and booleans via their text.
 */
export function renderClaims(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value !== undefined) out[name] = renderClaim(value);
  }
  return out;
}

function renderClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(renderClaim).join(' ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `12/Mar/2020:19:03:58 +0000`, the format of requestContext.time. */
export function apiGatewayTime(at: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(at.getUTCDate())}/${months[at.getUTCMonth()]}/${at.getUTCFullYear()}:` +
    `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`
  );
}

/**
 * What the client receives for a Lambda result. A result with a numeric `statusCode` is taken as the
 * structured response; anything else is, as in AWS, a 200 whose JSON body is the result itself.
 */
export function toGatewayResponse(result: unknown): GatewayResponse {
  if (!isStructured(result)) {
    return {
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.from(JSON.stringify(result ?? null)),
    };
  }
  const headers: [string, string][] = Object.entries(result.headers ?? {}).map(([k, v]) => [
    k.toLowerCase(),
    String(v),
  ]);
  for (const cookie of result.cookies ?? []) headers.push(['set-cookie', cookie]);
  const body = result.body ?? '';
  return {
    statusCode: result.statusCode ?? 200,
    headers,
    body: result.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8'),
  };
}

function isStructured(result: unknown): result is APIGatewayProxyStructuredResultV2 {
  return (
    typeof result === 'object' && result !== null && typeof (result as { statusCode?: unknown }).statusCode === 'number'
  );
}

/**
 * The JWT authorizer's 401: `{"message":"Unauthorized"}`, and a `www-authenticate` challenge. A token that was
 * presented and refused gets the shape API Gateway documents (`Bearer scope="" error="invalid_token"
 * error_description="the token does not have a valid audience"`); without a token, the bare scheme. HTTP APIs
 * cannot customise this answer, so Accord's clients meet it as it is, never as problem+json.
 */
export function unauthorized(refusal?: string): GatewayResponse {
  const challenge =
    refusal === undefined ? 'Bearer' : `Bearer scope="" error="invalid_token" error_description="${refusal}"`;
  return gatewayError(401, 'Unauthorized', [['www-authenticate', challenge]]);
}

/**
 * API Gateway's own error bodies (`{"message":"Unauthorized"}` and friends): no route (404 "Not Found"), JWT
 * authorizer (401), body over the cap (413), integration failure (500) or timeout (503). Always
 * `application/json` with `message` only, never problem+json: API Gateway HTTP APIs cannot change them.
 */
export function gatewayError(statusCode: number, message: string, extra: [string, string][] = []): GatewayResponse {
  return {
    statusCode,
    headers: [['content-type', 'application/json'], ...extra],
    body: Buffer.from(JSON.stringify({ message })),
  };
}
