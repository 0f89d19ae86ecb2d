/**
 * Domain errors: what went wrong, in the domain's words. They carry no HTTP status, problem type or title; the HTTP
 * edge (shared/http/errors.ts) maps each class to its problem+json. Callers tell them apart by class, never by
 * message.
 */
import type * as z from 'zod';

export interface FieldError {
  /** JSON-pointer-like path to the offending field, e.g. `body.revenueShare.tiers.1.from`. */
  path: string;
  message: string;
}

/** A schema's failure as field errors under `where` (`body`, `points.3`, ...): an unknown key names itself. */
export function fieldErrors(error: z.ZodError, where: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [where, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: 'unknown field' }));
    }
    return [{ path: base.join('.'), message: issue.message }];
  });
}

export interface DomainErrorDetails {
  errors?: FieldError[];
  /** The state is expected to settle on its own (a concurrent change, a request in progress): retry after this. */
  retryAfterSeconds?: number;
}

export abstract class DomainError extends Error {
  readonly errors?: FieldError[];
  readonly retryAfterSeconds?: number;

  constructor(detail: string, details?: DomainErrorDetails) {
    super(detail);
    this.name = new.target.name;
    if (details?.errors) this.errors = details.errors;
    if (details?.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** The input breaks a rule; `errors` names each offending field. */
export class ValidationError extends DomainError {}

/** No such thing, or the caller may not know it exists. */
export class NotFoundError extends DomainError {}

/** The change does not fit the current state (a transition not allowed, a duplicate, a concurrent change). */
export class ConflictError extends DomainError {}

/** The caller read an older version than the current one (a stale If-Match). */
export class PreconditionFailedError extends DomainError {}

/** The change replaces a thing that exists, so the caller must say which version it read. */
export class PreconditionRequiredError extends DomainError {}

/** The caller's role or scope does not allow this. */
export class ForbiddenError extends DomainError {}

/** A write by a person of a suspended or offboarded partner: its own class, so a client can tell the person why. */
export class PartnershipInactiveError extends DomainError {}
