import type { Role } from '#shared/auth/roles';

/** Who did something: a person (from the token) or one of Accord's own jobs. */
export interface Actor {
  sub: string;
  role: Role | 'system';
  partnerId?: string;
  email?: string;
}

/** What a POST's Idempotency-Key binds: the first commit of the request also writes this record. */
export interface IdempotencyScope {
  key: string;
  requestHash: string;
  /** Set once the record has been written in a transaction. */
  committed: boolean;
}

/** Everything a use case needs to know about the operation it runs in. */
export interface OperationContext {
  actor: Actor;
  /** API Gateway / Lambda request id: lands in every audit entry and log line. */
  requestId: string;
  idempotency?: IdempotencyScope;
}

export function systemContext(job: string, requestId: string): OperationContext {
  return { actor: { sub: `system:${job}`, role: 'system' }, requestId };
}
