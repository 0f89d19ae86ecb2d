import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { config } from '#shared/config';
import { ValidationError } from '#shared/errors';

/**
 * List cursors are opaque to clients: the DynamoDB LastEvaluatedKey, signed with HMAC-SHA256 over the
 * query that produced it and the caller's scope. A cursor cannot be forged, edited, or replayed against
 * another query or partition, nor by another caller: the same route can read differently for the vendor and
 * for a partner (sharing, filters), so a vendor's cursor must be worthless in a partner person's hands.
 * Format: base64url(json(key)) "." base64url(hmac(secret, scope "\n" binding "\n" payload)).
 */

const callerScope = new AsyncLocalStorage<string>();

/**
 * Runs `work` with every cursor it makes or reads bound to `scope`: "vendor" or the caller's partner id.
 * The HTTP pipeline wraps each request in it, so no list can forget to; outside a request (jobs, which
 * never hand out cursors) the scope is "internal".
 */
export function withCursorScope<T>(scope: string, work: () => Promise<T>): Promise<T> {
  return callerScope.run(scope, work);
}

let secret: Promise<Buffer> | undefined;

function signingKey(): Promise<Buffer> {
  secret ??= loadSecret().catch((error: unknown) => {
    secret = undefined; // let the next request try again
    throw error;
  });
  return secret;
}

async function loadSecret(): Promise<Buffer> {
  const { cursorSecret, cursorSecretArn } = config();
  if (cursorSecret) return Buffer.from(cursorSecret, 'utf8');
  if (!cursorSecretArn) throw new Error('Neither CURSOR_SECRET nor CURSOR_SECRET_ARN is set');
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: cursorSecretArn }));
  if (!out.SecretString) throw new Error('The cursor secret is empty');
  return Buffer.from(out.SecretString, 'utf8');
}

/** A stable fingerprint of the query a cursor belongs to (index, partition, conditions, filters, scope). */
export function queryBinding(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url');
}

export async function encodeCursor(lastKey: Record<string, unknown>, binding: string): Promise<string> {
  const payload = Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');
  return `${payload}.${await sign(binding, payload)}`;
}

export async function decodeCursor(cursor: string, binding: string): Promise<Record<string, unknown>> {
  const invalid = () =>
    new ValidationError('The cursor is not valid for this query', {
      errors: [{ path: 'query.cursor', message: 'not a cursor returned by this list' }],
    });
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid();
  const expected = Buffer.from(await sign(binding, payload), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  try {
    const key: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid();
    return key as Record<string, unknown>;
  } catch {
    throw invalid();
  }
}

async function sign(binding: string, payload: string): Promise<string> {
  const scope = callerScope.getStore() ?? 'internal';
  return createHmac('sha256', await signingKey())
    .update(`${scope}\n${binding}\n${payload}`)
    .digest('base64url');
}
