import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PartnershipInactiveError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ValidationError,
  type FieldError,
} from '#shared/errors';

/**
 * The HTTP edge's errors. Domain errors (shared/errors.ts) say what went wrong; the table below is the one place
 * that gives each its status, problem type and title. The HTTP-only errors (authentication, method, body size and
 * type, Idempotency-Key, throttling) are about the request itself, so they carry their status. One middleware
 * turns both into RFC 9457 problem+json. Nothing matches on message strings.
 */

/** What problem+json says about an error besides its detail. */
export interface ProblemKind {
  status: number;
  type: string;
  title: string;
}

const problemType = (slug: string) => `https://accord.dev/problems/${slug}`;

type DomainErrorClass = abstract new (...args: never[]) => DomainError;

const domainProblems = new Map<DomainErrorClass, ProblemKind>([
  [ValidationError, { status: 400, type: problemType('validation'), title: 'Your request is not valid' }],
  [ForbiddenError, { status: 403, type: problemType('forbidden'), title: 'You may not do this' }],
  [
    PartnershipInactiveError,
    {
      status: 403,
      type: problemType('partnership-inactive'),
      title: 'Your partnership does not allow changes now',
    },
  ],
  [NotFoundError, { status: 404, type: problemType('not-found'), title: 'Not found' }],
  [
    ConflictError,
    { status: 409, type: problemType('conflict'), title: 'The request conflicts with the current state' },
  ],
  [
    PreconditionFailedError,
    { status: 412, type: problemType('precondition-failed'), title: 'The resource has changed' },
  ],
  [
    PreconditionRequiredError,
    { status: 428, type: problemType('precondition-required'), title: 'If-Match is required' },
  ],
]);

/** A subclass of a mapped domain error answers as its nearest mapped ancestor; an unmapped one is a bug (500). */
export function problemOf(error: DomainError): ProblemKind | undefined {
  for (let proto: unknown = Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    const kind = domainProblems.get((proto as { constructor: DomainErrorClass }).constructor);
    if (kind) return kind;
  }
  return undefined;
}

export abstract class HttpError extends Error implements ProblemKind {
  abstract readonly status: number;
  abstract readonly type: string;
  abstract readonly title: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(detail: string, extra?: { errors?: FieldError[]; headers?: Record<string, string> }) {
    super(detail);
    this.name = new.target.name;
    if (extra?.errors) this.errors = extra.errors;
    if (extra?.headers) this.headers = extra.headers;
  }
}

export class UnauthorizedError extends HttpError {
  readonly status = 401;
  readonly type = problemType('unauthorized');
  readonly title = 'Authentication is required';
}

export class MethodNotAllowedError extends HttpError {
  readonly status = 405;
  readonly type = problemType('method-not-allowed');
  readonly title = 'Method not allowed';
}

export class PayloadTooLargeError extends HttpError {
  readonly status = 413;
  readonly type = problemType('payload-too-large');
  readonly title = 'The request body is too large';
}

export class UnsupportedMediaTypeError extends HttpError {
  readonly status = 415;
  readonly type = problemType('unsupported-media-type');
  readonly title = 'Unsupported media type';
}

export class IdempotencyKeyReusedError extends HttpError {
  readonly status = 422;
  readonly type = problemType('idempotency-key-reused');
  readonly title = 'The Idempotency-Key was used with a different request';
}

export class TooManyRequestsError extends HttpError {
  readonly status = 429;
  readonly type = problemType('too-many-requests');
  readonly title = 'Too many requests';
}
