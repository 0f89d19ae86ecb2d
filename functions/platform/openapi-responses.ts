import { roles } from '#shared/auth/roles';
import type { AnyRoute } from '#shared/http/route';

/**
 * The error responses an operation can really give, derived from its route definition and what the pipeline
 * (shared/http/pipeline.ts) and API Gateway do with it, so the document cannot promise less than happens.
 */

const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
/** API Gateway answers its own 401 and 429 (and unknown routes) with `{"message": ...}`, not problem+json. */
const gatewayMessage = { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } };

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } },
};

/** Reusable responses: an operation refers to one unless its route says more about that status. */
export const errorResponses: Record<string, Record<string, unknown>> = {
  BadRequest: {
    description:
      'Invalid input (a field, an unknown query parameter, a body where none is taken, a malformed If-Match or Idempotency-Key); `errors` names each field',
    content: problem,
  },
  Unauthorized: {
    description:
      'No valid bearer token: API Gateway answers `{"message":"Unauthorized"}`; a token without a subject gets problem+json',
    content: { ...gatewayMessage, ...problem },
  },
  Forbidden: { description: 'Your role may not do this, or your account has no Accord role', content: problem },
  NoRole: { description: 'Your account has no Accord role, or a partner role without a partner', content: problem },
  NotFound: { description: 'No such resource, or it belongs to another partner', content: problem },
  IdempotencyInProgress: {
    description: 'A request with the same Idempotency-Key is still being processed: retry after `Retry-After` seconds',
    headers: retryAfter,
    content: problem,
  },
  PreconditionFailed: {
    description: 'Stale If-Match: the resource changed since you read it; read it again',
    content: problem,
  },
  PreconditionRequired: { description: 'If-Match is required: send the ETag you read', content: problem },
  PayloadTooLarge: { description: 'The body is larger than this route takes', content: problem },
  UnsupportedMediaType: { description: 'The body is not sent as `application/json`', content: problem },
  IdempotencyKeyReused: {
    description: 'This Idempotency-Key was already used for a different request',
    content: problem,
  },
  TooManyRequests: {
    description: 'Throttled by API Gateway (`{"message":"Too Many Requests"}`): back off and retry',
    content: gatewayMessage,
  },
};

type Derived = { status: number; ref: keyof typeof errorResponses; also?: string };

/** Which errors a route can give, and why. */
export function derivedErrors(r: AnyRoute): Derived[] {
  const authenticated = r.access !== 'public';
  const idempotent = authenticated && r.method === 'POST';
  const hasPath = /\{[^}]+\}/.test(r.path);
  const derived: Derived[] = [
    // Every route refuses unknown query parameters and an unexpected body, not only those with inputs.
    { status: 400, ref: 'BadRequest' },
  ];
  if (r.access !== 'public') {
    const allowed = r.access.roles;
    derived.push({ status: 401, ref: 'Unauthorized' });
    const some = roles.filter((role) => !allowed.includes(role));
    derived.push({ status: 403, ref: some.length > 0 ? 'Forbidden' : 'NoRole' });
  }
  if (hasPath) derived.push({ status: 404, ref: 'NotFound' });
  if (idempotent)
    derived.push({
      status: 409,
      ref: 'IdempotencyInProgress',
      also: 'or a request with the same Idempotency-Key is still being processed (retry after `Retry-After` seconds)',
    });
  if (r.ifMatch) {
    derived.push({ status: 412, ref: 'PreconditionFailed' });
    derived.push({ status: 428, ref: 'PreconditionRequired' });
  }
  if (r.body) {
    derived.push({ status: 413, ref: 'PayloadTooLarge' });
    derived.push({ status: 415, ref: 'UnsupportedMediaType' });
  }
  if (idempotent) derived.push({ status: 422, ref: 'IdempotencyKeyReused' });
  derived.push({ status: 429, ref: 'TooManyRequests' });
  return derived;
}

/**
 * The route's declared error responses merged with the derived ones: a declared description is kept (it says
 * what this route means by the status); where the pipeline adds another cause for the same status, it follows.
 */
export function errorResponsesOf(r: AnyRoute): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const derived = new Map(derivedErrors(r).map((d) => [d.status, d]));
  const declared = Object.entries(r.responses)
    .map(([status, doc]) => [Number(status), doc] as const)
    .filter(([status]) => status >= 400);
  const statuses = [...new Set([...derived.keys(), ...declared.map(([s]) => s)])].sort((a, b) => a - b);
  for (const status of statuses) {
    const doc = declared.find(([s]) => s === status)?.[1];
    const d = derived.get(status);
    if (!doc && d) {
      out[status] = { $ref: `#/components/responses/${d.ref}` };
      continue;
    }
    const base = d ? errorResponses[d.ref]! : { content: problem };
    out[status] = { ...base, description: d?.also ? `${doc!.description}; ${d.also}` : doc!.description };
  }
  return out;
}

/** "Who may call it", from the policy table. */
export function whoMayCall(r: AnyRoute): string {
  if (r.access === 'public') return 'No authentication.';
  const allowed = r.access.roles;
  const partner = allowed.some((role) => role.startsWith('partner-'));
  return `Roles: ${allowed.map((role) => `\`${role}\``).join(', ')}${partner ? ' (partner people: their own partner only)' : ''}.`;
}
