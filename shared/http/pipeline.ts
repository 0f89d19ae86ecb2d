import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { assertPartnerMayWrite, authorize, cursorScope } from '#shared/auth/policy';
import { principalFromClaims, type Principal } from '#shared/auth/principal';
import { isPartnerRole } from '#shared/auth/roles';
import { config } from '#shared/config';
import type { OperationContext } from '#shared/context';
import { metered } from '#shared/db/client';
import { IdempotencyRaceError } from '#shared/db/commit';
import { withCursorScope } from '#shared/db/cursor';
import { partnerItemKey } from '#shared/db/partner-items';
import { getItem } from '#shared/db/repository';
import { NotFoundError, PreconditionRequiredError, ValidationError } from '#shared/errors';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '#shared/http/errors';
import { findReplay, requestHash, storeResponse, validateIdempotencyKey } from '#shared/http/idempotency';
import { problemResponse } from '#shared/http/problem';
import { routeKey, type AnyRoute, type Result } from '#shared/http/route';
import { parseInput } from '#shared/http/validation';
import { logger } from '#shared/log';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Response = APIGatewayProxyStructuredResultV2;

const securityHeaders: Record<string, string> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const noInput = z.strictObject({});

/**
 * One HTTP entry per bounded context: a middy pipeline around a router over a plain route table.
 * Order of checks: route -> size -> principal -> path -> policy (and, for a partner person's write, the
 * partner's status) -> query/body -> If-Match -> Idempotency-Key.
 * Authorization runs before body validation so a caller learns nothing about resources it may not touch.
 */
/** Times each request and writes its log line, on success and on error alike. */
const requestLog: MiddlewareObj<Event, Response, Error, Context, { startedAt: number }> = {
  before: (request) => {
    request.internal.startedAt = performance.now();
    logger.appendKeys({ requestId: request.event.requestContext.requestId });
  },
  after: (request) => finish(request.event, request.response, request.internal.startedAt),
  onError: (request) => {
    request.response = problemResponse(request.error, request.event.rawPath);
    finish(request.event, request.response, request.internal.startedAt);
  },
};

export function httpApi(routes: AnyRoute[]) {
  const table = new Map(routes.map((r) => [routeKey(r), r] as const));
  return middy<Event, Response>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(requestLog)
    .handler(async (event: Event, context: Context) => {
      const { result, dynamoRequests } = await metered(() => dispatch(table, event, context));
      logger.appendKeys({ dynamoRequests });
      for (const observer of observers)
        observer({ routeKey: event.routeKey, status: result.statusCode ?? 200, dynamoRequests });
      return result;
    });
}

export interface RequestObservation {
  routeKey: string;
  status: number;
  dynamoRequests: number;
}

const observers = new Set<(observation: RequestObservation) => void>();

/** `npm run bench` listens here for the DynamoDB requests each call made. Returns the unsubscribe function. */
export function observeRequests(observer: (observation: RequestObservation) => void): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

function finish(event: Event, response: Response | null | undefined, startedAt: unknown): void {
  if (!response) return;
  response.headers = { ...response.headers, ...securityHeaders, 'x-request-id': event.requestContext.requestId };
  logger.info('request', {
    method: event.requestContext.http.method,
    route: event.routeKey,
    path: event.rawPath,
    status: response.statusCode,
    ms: typeof startedAt === 'number' ? Math.round(performance.now() - startedAt) : undefined,
  });
}

async function dispatch(table: Map<string, AnyRoute>, event: Event, _context: Context): Promise<Response> {
  const route = table.get(event.routeKey);
  if (!route) throw new NotFoundError(`No route for ${event.requestContext.http.method} ${event.rawPath}`);

  const rawBody = readBody(event, route.maxBodyBytes ?? config().maxBodyBytes);
  const principal =
    route.access === 'public' ? undefined : principalFromClaims(event.requestContext.authorizer?.jwt?.claims);
  const params = parseInput(route.params ?? noInput, event.pathParameters ?? {}, 'path') as Record<string, unknown>;
  if (principal && route.access !== 'public') {
    const partnerId = typeof params.partnerId === 'string' ? params.partnerId : undefined;
    authorize(principal, route.access, partnerId === undefined ? {} : { partnerId });
    if (route.method !== 'GET' && isPartnerRole(principal.role) && principal.partnerId) {
      assertPartnerMayWrite(await partnerStatus(principal.partnerId));
    }
  }
  const query: unknown = parseInput(route.query ?? noInput, event.queryStringParameters ?? {}, 'query');
  const body: unknown = route.body ? parseInput(route.body, parseJson(event, rawBody), 'body') : undefined;
  if (!route.body && rawBody) {
    throw new ValidationError('This request takes no body', { errors: [{ path: 'body', message: 'must be empty' }] });
  }
  const ifMatchHeader = event.headers['if-match'];
  const ifMatch =
    route.ifMatch === 'create-or-replace' && !ifMatchHeader ? 0 : route.ifMatch ? parseIfMatch(ifMatchHeader) : 0;

  const ctx: OperationContext = {
    actor: principal ?? { sub: 'anonymous', role: 'system' },
    requestId: event.requestContext.requestId,
  };
  const idempotencyKey = event.headers['idempotency-key'];
  if (principal && route.method === 'POST' && idempotencyKey !== undefined) {
    const key = validateIdempotencyKey(idempotencyKey);
    const hash = requestHash(route.method, event.rawPath, body);
    const replay = await findReplay(principal.sub, key, hash);
    if (replay) return replay;
    ctx.idempotency = { key, requestHash: hash, committed: false };
  }

  let result: Result;
  try {
    result = await withCursorScope(cursorScope(principal), () =>
      route.handler({ params, query, body, principal: principal as Principal, ctx, ifMatch }),
    );
  } catch (error) {
    // A concurrent twin with the same key committed first: answer as it did.
    if (error instanceof IdempotencyRaceError && principal && ctx.idempotency) {
      const replay = await findReplay(principal.sub, ctx.idempotency.key, ctx.idempotency.requestHash);
      if (replay) return replay;
    }
    throw error;
  }
  // Without If-Match a create-or-replace PUT can only succeed by creating (the use case answers 428 otherwise).
  if (route.ifMatch === 'create-or-replace' && !ifMatchHeader && result.status === 200) {
    result = { ...result, status: 201, headers: { Location: event.rawPath, ...result.headers } };
  }
  const response = toResponse(result);
  if (principal && ctx.idempotency?.committed) {
    await storeResponse(principal.sub, ctx.idempotency.key, response).catch((error: unknown) => {
      // The change is committed; a retry will get 409 "in progress" rather than a second write.
      logger.error('could not store the idempotent response', { error });
    });
  }
  return response;
}

/** The partner's status, read for partner people's writes only (one consistent GetItem; reads never pay it). */
async function partnerStatus(partnerId: string): Promise<string | undefined> {
  const partner = await getItem<{ status?: string }>(partnerItemKey(partnerId));
  return partner?.status;
}

function readBody(event: Event, limit: number): string | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > limit) {
    throw new PayloadTooLargeError(`The body may be at most ${limit} bytes`);
  }
  return text;
}

function parseJson(event: Event, raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  const type = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new UnsupportedMediaTypeError('Send the body as application/json');
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ValidationError('The body is not valid JSON', { errors: [{ path: 'body', message: 'malformed JSON' }] });
  }
}

function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new PreconditionRequiredError('Send If-Match with the ETag you read, e.g. If-Match: "3"');
  }
  const match = /^\s*(?:W\/)?"(\d{1,12})"\s*$/.exec(header);
  if (!match?.[1]) {
    throw new ValidationError('If-Match is not a valid ETag', {
      errors: [{ path: 'headers.if-match', message: 'expected an ETag such as "3"' }],
    });
  }
  return Number(match[1]);
}

function toResponse(result: Result): Response {
  const headers: Record<string, string> = { ...result.headers };
  if (result.version !== undefined) headers.etag = `"${result.version}"`;
  if (result.body === undefined) return { statusCode: result.status, headers };
  if (result.contentType !== undefined && typeof result.body === 'string') {
    headers['content-type'] = result.contentType;
    return { statusCode: result.status, headers, body: result.body };
  }
  headers['content-type'] = 'application/json';
  return { statusCode: result.status, headers, body: JSON.stringify(result.body) };
}
