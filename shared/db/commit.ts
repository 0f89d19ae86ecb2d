import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { OutboxItem } from '#events/outbox-item';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { db, tableName } from '#shared/db/client';
import type { Key } from '#shared/db/keys';
import { VENDOR_SCOPE } from '#shared/db/partition';
import { ConflictError, NotFoundError, PreconditionFailedError } from '#shared/errors';
import { AuditEntry, IdempotencyRecord } from '#shared/db/entities';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Idempotency records keep the first response this long; a retry after that is a new request. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export type Write =
  | { kind: 'put'; item: Record<string, unknown> & Key; ifAbsent?: boolean; onConflict?: () => Error }
  | {
      kind: 'update';
      key: Key;
      /**
       * The version the caller read (If-Match): the write fails with 412 if the item moved on. Without it the
       * update only requires the item to exist (system changes that must not lose to a concurrent edit).
       */
      expectedVersion?: number;
      set: Record<string, unknown>;
      remove?: string[];
      notFound?: () => Error;
    }
  | { kind: 'delete'; key: Key; onlyIfExists?: boolean }
  /** The item must exist (a link to it is being written); `missing` is the error when it does not. */
  | { kind: 'exists'; key: Key; missing: () => Error };

export interface AuditInput {
  /** Verb in `<entity>.<verb>` form, e.g. `partner.created`, `partner.status-changed`. */
  action: string;
  entityType: string;
  entityId: string;
  /** The partner the change belongs to; vendor-wide changes go to the vendor trail. */
  partnerId?: string;
  /** Field-level before/after for updates. */
  changes?: Record<string, { from: unknown; to: unknown }>;
  note?: string;
}

export interface Change {
  writes: Write[];
  /**
   * The decision this change records. `'counter-only'`: the change records no decision, it only keeps a counter a
   * person reads (an open alert's occurrences and last seen, rewritten by the monitor while it still breaches), so
   * the audit trail holds decisions and not ticks.
   */
  audit: AuditInput | 'counter-only';
  events?: OutboxItem[];
}

/** Raised when the request's Idempotency-Key was committed by a concurrent twin. */
export class IdempotencyRaceError extends Error {}

export const put = (
  item: Record<string, unknown> & Key,
  options: { ifAbsent?: boolean; onConflict?: () => Error } = {},
): Write => ({
  kind: 'put',
  item,
  ...options,
});

/** An update that bumps the version whatever it is, as long as the item exists. */
export const update = (
  key: Key,
  set: Record<string, unknown>,
  options: { remove?: string[]; notFound?: () => Error } = {},
): Write => ({
  kind: 'update',
  key,
  set,
  ...options,
});

/**
 * The one way Accord changes data: the entity writes, their audit entry and their outbox events in a single
 * TransactWriteItems. Either all of it happens or none of it does. With an Idempotency-Key on the request,
 * the key's record is part of the same transaction, so a retried request can never commit twice.
 */
export async function commit(ctx: OperationContext, change: Change): Promise<void> {
  const items: TransactItem[] = change.writes.map((w) => toTransactItem(w));
  if (change.audit !== 'counter-only')
    items.push({ Put: { TableName: tableName(), Item: auditItem(ctx, change.audit) } });
  for (const event of change.events ?? []) items.push({ Put: { TableName: tableName(), Item: event } });

  const idem = ctx.idempotency && !ctx.idempotency.committed ? ctx.idempotency : undefined;
  if (idem) {
    items.push({
      Put: {
        TableName: tableName(),
        Item: {
          ...IdempotencyRecord.key({ sub: ctx.actor.sub, key: idem.key }),
          type: IdempotencyRecord.type,
          requestHash: idem.requestHash,
          createdAt: nowIso(),
          ttl: Math.floor(nowMs() / 1000) + IDEMPOTENCY_TTL_SECONDS,
        },
        // An expired record that TTL has not removed yet does not block a new request.
        ConditionExpression: 'attribute_not_exists(PK) OR #ttl < :nowSeconds',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':nowSeconds': Math.floor(nowMs() / 1000) },
      },
    });
  }

  for (let attempt = 1; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      if (idem) idem.committed = true;
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0)
        throw await conditionError(change.writes, failed, items.length, idem !== undefined, reasons[failed]?.Item);
      // TransactionConflict: another transaction held one of the items. Nothing was written; try again.
      if (reasons.some((r) => r.Code === 'TransactionConflict') && attempt < 5) {
        await backoff(attempt);
        continue;
      }
      throw new ConflictError('The resource is being changed by another request; retry', { retryAfterSeconds: 1 });
    }
  }
}

/** One write as a TransactWriteItems item (the bulk variant, bulk.ts, translates the same way). */
export function toTransactItem(write: Write): TransactItem {
  const TableName = tableName();
  switch (write.kind) {
    case 'put':
      return {
        Put: {
          TableName,
          Item: write.item,
          ...(write.ifAbsent ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
        },
      };
    case 'update': {
      const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
      const values: Record<string, unknown> = { ':one': 1, ':now': nowIso() };
      if (write.expectedVersion !== undefined) values[':expected'] = write.expectedVersion;
      const sets = ['#version = #version + :one', '#updatedAt = :now'];
      Object.entries(write.set).forEach(([field, value], i) => {
        if (value === undefined) return;
        names[`#f${i}`] = field;
        values[`:v${i}`] = value;
        sets.push(`#f${i} = :v${i}`);
      });
      const removes = (write.remove ?? []).map((field, i) => {
        names[`#r${i}`] = field;
        return `#r${i}`;
      });
      return {
        Update: {
          TableName,
          Key: write.key,
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: write.expectedVersion === undefined ? 'attribute_exists(PK)' : '#version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      };
    }
    case 'exists':
      return { ConditionCheck: { TableName, Key: write.key, ConditionExpression: 'attribute_exists(PK)' } };
    case 'delete':
      return {
        Delete: {
          TableName,
          Key: write.key,
          ...(write.onlyIfExists ? { ConditionExpression: 'attribute_exists(PK)' } : {}),
        },
      };
  }
}

/** What a failed condition means for the write at `index`: 404, 409, 412 or the write's own error. */
export async function conditionError(
  writes: Write[],
  index: number,
  itemCount: number,
  withIdempotency: boolean,
  oldItem: unknown,
): Promise<Error> {
  if (withIdempotency && index === itemCount - 1) return new IdempotencyRaceError();
  const write = writes[index];
  if (!write) return new ConflictError('The change conflicts with the current state');
  switch (write.kind) {
    case 'put':
      return write.onConflict?.() ?? new ConflictError('It already exists');
    case 'update': {
      // DynamoDB Local does not always return the old item; read it to tell "gone" from "changed".
      const exists =
        oldItem !== undefined ||
        (await db().send(new GetCommand({ TableName: tableName(), Key: write.key, ProjectionExpression: 'PK' }))).Item;
      if (!exists) return write.notFound?.() ?? new NotFoundError('Not found');
      return new PreconditionFailedError(
        'The resource was changed since you read it: fetch it again and retry with the new ETag',
      );
    }
    case 'delete':
      return new NotFoundError('Not found');
    case 'exists':
      return write.missing();
  }
}

export function auditItem(ctx: OperationContext, audit: AuditInput): Record<string, unknown> {
  const id = ulid(nowMs());
  return {
    ...AuditEntry.storage({ scope: audit.partnerId ?? VENDOR_SCOPE, id }),
    id,
    at: nowIso(),
    action: audit.action,
    entityType: audit.entityType,
    entityId: audit.entityId,
    ...(audit.partnerId ? { partnerId: audit.partnerId } : {}),
    actor: {
      sub: ctx.actor.sub,
      role: ctx.actor.role,
      ...(ctx.actor.partnerId ? { partnerId: ctx.actor.partnerId } : {}),
      ...(ctx.actor.email ? { email: ctx.actor.email } : {}),
    },
    requestId: ctx.requestId,
    ...(audit.changes && Object.keys(audit.changes).length ? { changes: audit.changes } : {}),
    ...(audit.note ? { note: audit.note } : {}),
  };
}

export function backoff(attempt: number): Promise<void> {
  const ms = Math.round(Math.random() * 20 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The If-Match check made on read, so the caller gets 412 before any work; the transaction re-checks it. */
export function assertVersion(what: string, current: number, expected: number): void {
  if (current !== expected) {
    throw new PreconditionFailedError(
      `The ${what} is at version ${current}, not ${expected}: fetch it again and retry with the new ETag`,
    );
  }
}
