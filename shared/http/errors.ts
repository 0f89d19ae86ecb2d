/**
 * Domain and HTTP errors. Each carries its status and a problem type; one middleware turns them into
 * RFC 9457 problem+json. Nothing matches on message strings.
 */

export interface FieldError {
  /** JSON-pointer-like path to the offending field, e.g. `body.revenueShare.tiers.1.from`. */
  path: string;
  message: string;
}

export abstract class HttpError extends Error {
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

const problem = (slug: string) => `https://accord.dev/problems/${slug}`;

export class ValidationError extends HttpError {
  readonly status = 400;
  readonly type = problem('validation');
  readonly title = 'Your request is not valid';
}

export class UnauthorizedError extends HttpError {
  readonly status = 401;
  readonly type = problem('unauthorized');
  readonly title = 'Authentication is required';
}

export class ForbiddenError extends HttpError {
  readonly status = 403;
  readonly type = problem('forbidden');
  readonly title = 'You may not do this';
}

/** A write by a person of a suspended or offboarded partner: its own type, so a client can tell the person why. */
export class PartnershipInactiveError extends HttpError {
  readonly status = 403;
  readonly type = problem('partnership-inactive');
  readonly title = 'Your partnership does not allow changes now';
}

export class NotFoundError extends HttpError {
  readonly status = 404;
  readonly type = problem('not-found');
  readonly title = 'Not found';
}

export class MethodNotAllowedError extends HttpError {
  readonly status = 405;
  readonly type = problem('method-not-allowed');
  readonly title = 'Method not allowed';
}

export class ConflictError extends HttpError {
  readonly status = 409;
  readonly type = problem('conflict');
  readonly title = 'The request conflicts with the current state';
}

export class PreconditionFailedError extends HttpError {
  readonly status = 412;
  readonly type = problem('precondition-failed');
  readonly title = 'The resource has changed';
}

export class PayloadTooLargeError extends HttpError {
  readonly status = 413;
  readonly type = problem('payload-too-large');
  readonly title = 'The request body is too large';
}

export class UnsupportedMediaTypeError extends HttpError {
  readonly status = 415;
  readonly type = problem('unsupported-media-type');
  readonly title = 'Unsupported media type';
}

export class IdempotencyKeyReusedError extends HttpError {
  readonly status = 422;
  readonly type = problem('idempotency-key-reused');
  readonly title = 'The Idempotency-Key was used with a different request';
}

export class PreconditionRequiredError extends HttpError {
  readonly status = 428;
  readonly type = problem('precondition-required');
  readonly title = 'If-Match is required';
}

export class TooManyRequestsError extends HttpError {
  readonly status = 429;
  readonly type = problem('too-many-requests');
  readonly title = 'Too many requests';
}
