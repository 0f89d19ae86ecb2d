import { clockControl, nowIso } from '#shared/clock';
import type { GatewayResponse } from '#infra/local/apigw';
import { TokenRequestError, type LocalIssuer } from '#infra/local/issuer';
import { UnknownJobError } from '#infra/local/scheduler';

/**
 * Endpoints that exist only in the local runtime, under /local/ (never deployed):
 *   GET  /local/token?role=&partnerId=&sub=&email=   a dev token and its claims
 *   GET  /local/jwks.json                             the issuer's public keys
 *   GET  /local/clock                                 { now }
 *   POST /local/clock  { advanceBy: "PT6H" } | { now: "2026-12-01T00:00:00Z" } | { reset: true }
 *   POST /local/jobs/{job}                            runs a scheduled job now, answers its summary
 *   GET  /local/events                                what the local bus delivered, and its dead letters
 *   GET  /local/queues                                the work queues (waiting, running, processed) and dead letters
 *   GET  /local/outbox-mail?to=&partnerId=            what the notifier would have e-mailed/published, newest first
 * and, outside /local/, GET /docs: the API reference (Redoc, served from node_modules; infra/local/api-reference.ts).
 */

/** What a starting runtime may already answer: tokens are harmless and `npm run token` needs them. */
const ANSWERED_WHILE_STARTING = new Set(['GET /local/token', 'GET /local/jwks.json']);

/**
 * The answer to every other request until the runtime is ready (seeded, and the seed's events through the
 * consumers): a request then would see half a program. `GET /v1/health` says `{"status":"starting"}`, so a
 * readiness probe reads it like its usual answer; the rest are problem+json. 503 with Retry-After either way.
 */
export function whileStarting(method: string, path: string): GatewayResponse | undefined {
  if (ANSWERED_WHILE_STARTING.has(`${method} ${path}`)) return undefined;
  const retry: [string, string] = ['retry-after', '1'];
  if (method === 'GET' && path === '/v1/health') {
    return {
      statusCode: 503,
      headers: [['content-type', 'application/json'], retry],
      body: Buffer.from(JSON.stringify({ status: 'starting' })),
    };
  }
  const starting = problem(
    503,
    'Starting',
    'Accord is still starting (loading the demo data); retry once GET /v1/health answers 200.',
  );
  return { ...starting, headers: [...starting.headers, retry] };
}

export interface LocalEndpointDeps {
  issuer: LocalIssuer;
  runJob(job: string): Promise<unknown>;
  jobNames(): string[];
  busState(): { delivered: unknown[]; deadLetters: unknown[] };
  queueState(): { queues: unknown[]; deadLetters: unknown[] };
  outboxMail(filter: { to?: string; partnerId?: string }): unknown[];
}

/** Answers a /local/ request, or undefined when no local endpoint has that method and path. */
export async function handleLocal(
  method: string,
  path: string,
  query: URLSearchParams,
  body: string,
  deps: LocalEndpointDeps,
): Promise<GatewayResponse | undefined> {
  if (method === 'GET' && path === '/local/token') {
    try {
      const minted = deps.issuer.mintWithClaims({
        role: query.get('role') ?? '',
        partnerId: query.get('partnerId') ?? undefined,
        sub: query.get('sub') ?? undefined,
        email: query.get('email') ?? undefined,
        ttlSeconds: query.has('ttlSeconds') ? Number(query.get('ttlSeconds')) : undefined,
      });
      return json(200, minted);
    } catch (error) {
      if (error instanceof TokenRequestError) return problem(400, 'Bad token request', error.message);
      throw error;
    }
  }
  if (method === 'GET' && path === '/local/jwks.json') return json(200, deps.issuer.jwks());
  if (method === 'GET' && path === '/local/clock') return json(200, { now: nowIso() });
  if (method === 'POST' && path === '/local/clock') return moveClock(body);
  if (method === 'GET' && path === '/local/events') return json(200, deps.busState());
  if (method === 'GET' && path === '/local/queues') return json(200, deps.queueState());
  if (method === 'GET' && path === '/local/outbox-mail') {
    const filter = { to: query.get('to') ?? undefined, partnerId: query.get('partnerId') ?? undefined };
    return json(200, { items: deps.outboxMail(filter) });
  }
  const job = /^\/local\/jobs\/([^/]+)$/.exec(path);
  if (method === 'POST' && job) {
    const name = decodeURIComponent(job[1] ?? '');
    if (!deps.jobNames().includes(name))
      return problem(404, 'Unknown job', new UnknownJobError(name, deps.jobNames()).message);
    try {
      return json(200, (await deps.runJob(name)) ?? null);
    } catch (error) {
      // Local only: the failure's message helps more than a blank 500.
      return problem(500, 'Job failed', error instanceof Error ? error.message : String(error));
    }
  }
  return undefined;
}

function moveClock(body: string): GatewayResponse {
  let input: unknown;
  try {
    input = JSON.parse(body || '{}');
  } catch {
    return problem(400, 'Bad clock request', 'the body must be JSON');
  }
  const { advanceBy, now, reset, ...rest } = (input ?? {}) as Record<string, unknown>;
  const given = [advanceBy, now, reset].filter((v) => v !== undefined).length;
  if (Object.keys(rest).length > 0 || given !== 1) {
    return problem(
      400,
      'Bad clock request',
      'send exactly one of { "advanceBy": "PT6H" }, { "now": "<ISO-8601>" }, { "reset": true }',
    );
  }
  if (advanceBy !== undefined) {
    const ms = typeof advanceBy === 'string' ? parseIsoDuration(advanceBy) : undefined;
    if (ms === undefined)
      return problem(
        400,
        'Bad clock request',
        `advanceBy must be an ISO-8601 duration such as PT6H, P3D or P1DT2H30M; got ${JSON.stringify(advanceBy)}`,
      );
    clockControl.advanceBy(ms);
  } else if (now !== undefined) {
    const at = typeof now === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(now) ? new Date(now) : undefined;
    if (!at || Number.isNaN(at.getTime()))
      return problem(400, 'Bad clock request', `now must be an ISO-8601 date-time; got ${JSON.stringify(now)}`);
    clockControl.set(at);
  } else if (reset === true) {
    clockControl.reset();
  } else {
    return problem(400, 'Bad clock request', 'reset must be true');
  }
  return json(200, { now: nowIso() });
}

/**
 * ISO-8601 durations with weeks, days, hours, minutes and (fractional) seconds: P3D, PT5M, P1DT2H, PT0.5S,
 * P2W, and a leading minus to go back. Years and months are refused: their length depends on the date.
 */
export function parseIsoDuration(text: string): number | undefined {
  const m = /^(-)?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m || text.endsWith('T') || /^-?P$/.test(text.trim())) return undefined;
  const [, minus, weeks, days, hours, minutes, seconds] = m;
  const ms =
    Number(weeks ?? 0) * 604_800_000 +
    Number(days ?? 0) * 86_400_000 +
    Number(hours ?? 0) * 3_600_000 +
    Number(minutes ?? 0) * 60_000 +
    Math.round(Number(seconds ?? 0) * 1000);
  return minus ? -ms : ms;
}

function json(statusCode: number, value: unknown): GatewayResponse {
  return { statusCode, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify(value)) };
}

function problem(status: number, title: string, detail: string): GatewayResponse {
  return {
    statusCode: status,
    headers: [['content-type', 'application/problem+json']],
    body: Buffer.from(JSON.stringify({ type: 'about:blank', title, status, detail })),
  };
}
