import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { nowMs } from '#shared/clock';
import { db, tableName } from '#shared/db/client';
import { IdempotencyRecord } from '#shared/db/entities';
import { getItem } from '#shared/db/repository';
import { ConflictError, ValidationError } from '#shared/errors';
import { IdempotencyKeyReusedError } from '#shared/http/errors';

/**
 * Idempotency-Key for POST. The key's record is written inside the request's own transaction (see commit),
 * so a retry can never commit twice; the response is attached right after and replayed to every retry.
 */

interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

interface IdempotencyRecord {
  requestHash: string;
  ttl: number;
  response?: StoredResponse;
}

const KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;

export function validateIdempotencyKey(key: string): string {
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationError('The Idempotency-Key header is not valid', {
      errors: [{ path: 'headers.idempotency-key', message: '8 to 255 visible ASCII characters (a UUID is ideal)' }],
    });
  }
  return key;
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('base64url');
}

/** The first response for this key, if one was committed; throws 422 when the key was used for another request. */
export async function findReplay(
  sub: string,
  key: string,
  hash: string,
): Promise<APIGatewayProxyStructuredResultV2 | undefined> {
  const record = await getItem<IdempotencyRecord>(IdempotencyRecord.key({ sub, key }));
  if (!record || record.ttl * 1000 < nowMs()) return undefined;
  if (record.requestHash !== hash) {
    throw new IdempotencyKeyReusedError('This Idempotency-Key was already used for a different request', {
      errors: [{ path: 'headers.idempotency-key', message: 'already used with another request body or path' }],
    });
  }
  if (!record.response) {
    throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly', {
      retryAfterSeconds: 1,
    });
  }
  return {
    statusCode: record.response.statusCode,
    headers: { ...record.response.headers, 'idempotent-replayed': 'true' },
    body: record.response.body,
  };
}

export async function storeResponse(
  sub: string,
  key: string,
  response: APIGatewayProxyStructuredResultV2,
): Promise<void> {
  const keep = ['content-type', 'etag', 'location'];
  const headers = Object.fromEntries(
    Object.entries(response.headers ?? {})
      .filter(([name]) => keep.includes(name.toLowerCase()))
      .map(([name, value]) => [name, String(value)]),
  );
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: IdempotencyRecord.key({ sub, key }),
      UpdateExpression: 'SET #response = :response',
      ExpressionAttributeNames: { '#response': 'response' },
      ExpressionAttributeValues: {
        ':response': { statusCode: response.statusCode ?? 200, headers, body: response.body ?? '' },
      },
    }),
  );
}
