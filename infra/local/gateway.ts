import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpFunction } from '#functions/manifest';
import {
  buildHttpEvent,
  gatewayError,
  newRequestId,
  splitUrl,
  toGatewayResponse,
  unauthorized,
  type GatewayResponse,
  type RawRequest,
} from '#infra/local/apigw';
import { invoke, LambdaTimeoutError } from '#infra/local/handlers';
import type { LocalIssuer } from '#infra/local/issuer';
import { apiReference } from '#infra/local/api-reference';
import { portalResponse } from '#infra/local/portal';
import { handleLocal, type LocalEndpointDeps } from '#infra/local/local-endpoints';
import { errorData, type Logger } from '#infra/local/log';
import { compileRoutes, matchRoute, type CompiledRoute } from '#infra/local/routes';

/**
 * A node:http server that behaves like the deployed HTTP API: routes from the manifest, the JWT authorizer
 * (tokens from the local issuer), payload format 2.0 events to the handlers, API Gateway's own 401/404/413/500
 * bodies. Plus the /local/ endpoints, which exist only here, and the web portal at / (infra/local/portal.ts).
 */

/** Our cap, well under API Gateway's 10 MB: enough for any JSON body, small enough to be harmless. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** API Gateway gives up on an integration after 30 s. */
const INTEGRATION_TIMEOUT_MS = 30_000;

export interface GatewayOptions {
  functions: HttpFunction[];
  issuer: LocalIssuer;
  local: LocalEndpointDeps;
  region: string;
  log: Logger;
  /** 0 = a free port. */
  port: number;
  host?: string;
  /** Answers a request before routing when it returns a response (the runtime's 503 while it starts). */
  gate?: (method: string, rawPath: string) => GatewayResponse | undefined;
}

export interface Gateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const routes = compileRoutes(options.functions);
  let port = options.port;
  const server: Server = createServer((req, res) => {
    const started = performance.now();
    const requestId = newRequestId();
    void handle(req, requestId, port, routes, options)
      .catch((error: unknown): GatewayResponse => {
        options.log.error('gateway failure', { requestId, ...errorData(error) });
        return gatewayError(500, 'Internal Server Error');
      })
      .then((response) => {
        send(res, response, requestId);
        options.log.info('request', {
          method: req.method,
          path: splitUrl(req.url ?? '/').rawPath,
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
          requestId,
        });
      });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'EADDRINUSE' ? new Error(`port ${options.port} is in use: set PORT to another one`) : error),
    );
    // Loopback only: the dev tokens and /local/ endpoints must not be reachable from the network.
    server.listen(options.port, options.host ?? '127.0.0.1', () => done());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  req: IncomingMessage,
  requestId: string,
  port: number,
  routes: CompiledRoute[],
  options: GatewayOptions,
): Promise<GatewayResponse> {
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === 'too-large') return gatewayError(413, 'Request Entity Too Large', [['connection', 'close']]);
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const { rawPath, rawQueryString } = splitUrl(url);
  // The portal's files are static: served while the runtime starts too (its screens then show "starting").
  const portal = await portalResponse(method, rawPath, String(req.headers['accept-encoding'] ?? ''));
  if (portal) return portal;
  const gated = options.gate?.(method, rawPath);
  if (gated) return gated;

  const reference = apiReference(method, rawPath);
  if (reference) return reference;

  if (rawPath.startsWith('/local/')) {
    const local = await handleLocal(
      method,
      rawPath,
      new URLSearchParams(rawQueryString),
      body.toString('utf8'),
      options.local,
    );
    return local ?? gatewayError(404, 'Not Found');
  }

  const match = matchRoute(routes, method, rawPath);
  if (!match) return gatewayError(404, 'Not Found');

  let claims: Record<string, unknown> | undefined;
  if (!match.route.isPublic) {
    const verdict = await authorize(req.headers.authorization, options.issuer);
    if ('refused' in verdict) return unauthorized(verdict.refused);
    claims = verdict.claims;
  }

  const raw: RawRequest = {
    method,
    url,
    rawHeaders: req.rawHeaders,
    body,
    sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    httpVersion: req.httpVersion,
    requestId,
    port,
  };
  const event = buildHttpEvent(raw, match, claims);
  try {
    const result = await withTimeout(invoke<unknown>(match.route.fn, event, options.region), INTEGRATION_TIMEOUT_MS);
    return toGatewayResponse(result);
  } catch (error) {
    if (error instanceof IntegrationTimeout) return gatewayError(503, 'Service Unavailable');
    // In AWS the error goes to the function's log and the client learns nothing more.
    options.log.error(error instanceof LambdaTimeoutError ? 'handler timed out' : 'handler failed', {
      function: match.route.fn.name,
      routeKey: match.route.routeKey,
      requestId,
      ...errorData(error),
    });
    return gatewayError(500, 'Internal Server Error');
  }
}

/**
 * The JWT authorizer: `Authorization: Bearer <jwt>` (the prefix is optional, as in AWS), verified against
 * the local issuer. A refusal says why only in the `www-authenticate` description, like the real one; a
 * missing token has no description.
 */
async function authorize(
  header: string | undefined,
  issuer: LocalIssuer,
): Promise<{ claims: Record<string, unknown> } | { refused: string | undefined }> {
  const token = header?.replace(/^Bearer\s+/i, '').trim();
  if (!token) return { refused: undefined };
  try {
    return { claims: await issuer.verify(token) };
  } catch (error) {
    return { refused: refusalOf(error) };
  }
}

/** jose's verdicts in the wording of API Gateway's `error_description`. */
function refusalOf(error: unknown): string {
  const { code, claim } = (error ?? {}) as { code?: string; claim?: string };
  if (code === 'ERR_JWT_EXPIRED') return 'the token has expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'aud') return 'the token does not have a valid audience';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'iss') return 'the token does not have a valid issuer';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'the token does not have a valid signature';
  return 'the token is not a valid JWT';
}

/** Reads the body, giving up (and draining nothing more into memory) past `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume(); // discard, so the socket can carry the 413
    return Promise.resolve('too-large');
  }
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => done(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, response: GatewayResponse, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = response.statusCode;
  for (const [name, value] of response.headers) res.appendHeader(name, value);
  res.setHeader('apigw-requestid', requestId);
  res.setHeader('content-length', response.body.length);
  res.end(response.body);
}

class IntegrationTimeout extends Error {}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new IntegrationTimeout()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
