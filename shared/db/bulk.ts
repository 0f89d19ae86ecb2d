import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { OutboxItem } from '#events/outbox-item';
import type { OperationContext } from '#shared/context';
import { db, tableName } from '#shared/db/client';
import {
  auditItem,
  backoff,
  conditionError,
  toTransactItem,
  type AuditInput,
  type TransactItem,
  type Write,
} from '#shared/db/commit';
import { ConflictError } from '#shared/errors';

/**
 * The bulk variant of the shared commit (commit.ts), for changes too large for one transaction: metric points with
 * the rollup buckets they add to, a report of sales records. The caller hands units, each the writes that must
 * happen together (a point's raw item and its buckets); units are packed in order into TransactWriteItems of at
 * most 100 items, adds to one item within a transaction merged into one update, so units close together share
 * their counters. Each transaction is all or nothing; the batch is not (a crash between transactions leaves the
 * earlier ones written), so bulk writes are made safe to repeat by claims, not by the request's Idempotency-Key:
 * the caller's closing `commit` carries that. TransactionConflict retries and failed conditions mean what they
 * mean for `commit`, except a claim that exists: its unit is left out and reported with the stored item.
 */

/** DynamoDB takes at most 100 items per transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/** A primary key, as the shared commit's writes take it. */
type Key = Extract<Write, { kind: 'delete' }>['key'];
/** Tries per transaction: bulk transactions touch hot counters, so they may meet a concurrent batch more often. */
const MAX_ATTEMPTS = 8;

/** Counters: ADD `add` and SET `set`, creating the item if absent. Derived data: no version, no condition. */
export interface AddWrite {
  kind: 'add';
  key: Key;
  add: Record<string, number>;
  set?: Record<string, unknown>;
}

/** A unit's identity: put if absent; if it exists, the unit is left out and comes back with the stored item. */
export interface ClaimWrite {
  kind: 'claim';
  item: Record<string, unknown> & Key;
}

export type BulkWrite = Write | AddWrite | ClaimWrite;

/** Writes that must happen together, and whatever the caller needs to know the unit again. */
export interface BulkUnit {
  writes: BulkWrite[];
}

export interface BatchOptions<U extends BulkUnit> {
  /** The audit entry of each transaction, from the units it writes (one item of each transaction). */
  audit?: (units: U[]) => AuditInput;
  /** Events committed with the last transaction that writes (items of that transaction). */
  events?: OutboxItem[];
}

export interface BatchOutcome<U extends BulkUnit> {
  written: U[];
  /** Units whose claim was there already, with the stored item (undefined if DynamoDB did not return it). */
  existing: { unit: U; stored: Record<string, unknown> | undefined }[];
}

/** Commits `units` in as few transactions as fit, in order; see the top of this file. */
export async function commitBatch<U extends BulkUnit>(
  ctx: OperationContext,
  units: U[],
  options: BatchOptions<U> = {},
): Promise<BatchOutcome<U>> {
  const reserved = (options.audit ? 1 : 0) + (options.events?.length ?? 0);
  const chunks = pack(units, MAX_TRANSACTION_ITEMS - reserved);
  const outcome: BatchOutcome<U> = { written: [], existing: [] };
  for (const [i, chunk] of chunks.entries()) {
    const last = i === chunks.length - 1;
    const part = await commitChunk(ctx, chunk, { ...options, ...(last ? {} : { events: [] }) });
    outcome.written.push(...part.written);
    outcome.existing.push(...part.existing);
  }
  return outcome;
}

/** A unit costs one item per item it writes that the transaction does not write yet. */
function pack<U extends BulkUnit>(units: U[], capacity: number): U[][] {
  const chunks: U[][] = [];
  let chunk: U[] = [];
  let items = new Set<string>();
  for (const unit of units) {
    const ids = [...new Set(unit.writes.map(itemId))];
    const added = ids.filter((id) => !items.has(id)).length;
    if (chunk.length > 0 && items.size + added > capacity) {
      chunks.push(chunk);
      chunk = [];
      items = new Set();
    }
    chunk.push(unit);
    ids.forEach((id) => items.add(id));
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** One transaction: retried without the units whose claim exists, and on TransactionConflict. */
async function commitChunk<U extends BulkUnit>(
  ctx: OperationContext,
  units: U[],
  options: BatchOptions<U>,
): Promise<BatchOutcome<U>> {
  let pending = units;
  const existing: BatchOutcome<U>['existing'] = [];
  let attempt = 1;
  while (pending.length > 0) {
    const plan = transaction(pending);
    const items = plan.writes.map(toItem);
    if (options.audit) items.push({ Put: { TableName: tableName(), Item: auditItem(ctx, options.audit(pending)) } });
    for (const event of options.events ?? []) items.push({ Put: { TableName: tableName(), Item: event } });
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return { written: pending, existing };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const claimed = new Set<number>();
      plan.writes.forEach((write, i) => {
        if (write.kind !== 'claim' || reasons[i]?.Code !== 'ConditionalCheckFailed') return;
        const unit = plan.owners[i]!;
        if (!claimed.has(unit)) existing.push({ unit: pending[unit]!, stored: storedItem(reasons[i]?.Item) });
        claimed.add(unit);
      });
      if (claimed.size > 0) {
        pending = pending.filter((_, u) => !claimed.has(u));
        continue;
      }
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0) {
        const writes = plan.writes.map((w) => (w.kind === 'add' || w.kind === 'claim' ? undefined : w));
        throw await conditionError(writes as Write[], failed, items.length, false, reasons[failed]?.Item);
      }
      // TransactionConflict: another transaction held one of the items. Nothing was written; try again.
      if (reasons.some((r) => r.Code === 'TransactionConflict') && attempt < MAX_ATTEMPTS) {
        await backoff(attempt++);
        continue;
      }
      throw new ConflictError('The resource is being changed by another request; retry', { retryAfterSeconds: 1 });
    }
  }
  return { written: [], existing };
}

/** The transaction's writes, adds to one item merged, with the unit each write came from. */
function transaction(units: BulkUnit[]): { writes: BulkWrite[]; owners: number[] } {
  const writes: BulkWrite[] = [];
  const owners: number[] = [];
  const adds = new Map<string, number>();
  units.forEach((unit, u) => {
    for (const write of unit.writes) {
      if (write.kind === 'add') {
        const at = adds.get(itemId(write));
        if (at !== undefined) {
          writes[at] = mergeAdds(writes[at] as AddWrite, write);
          continue;
        }
        adds.set(itemId(write), writes.length);
      }
      writes.push(write);
      owners.push(u);
    }
  });
  return { writes, owners };
}

function mergeAdds(a: AddWrite, b: AddWrite): AddWrite {
  const add = { ...a.add };
  for (const [field, value] of Object.entries(b.add)) add[field] = (add[field] ?? 0) + value;
  return { kind: 'add', key: a.key, add, set: { ...a.set, ...b.set } };
}

function itemId(write: BulkWrite): string {
  const key = write.kind === 'put' || write.kind === 'claim' ? write.item : write.key;
  return `${key.PK}\u0000${key.SK}`;
}

function toItem(write: BulkWrite): TransactItem {
  const TableName = tableName();
  switch (write.kind) {
    case 'claim':
      return {
        Put: {
          TableName,
          Item: write.item,
          ConditionExpression: 'attribute_not_exists(PK)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      };
    case 'add':
      return { Update: { TableName, Key: write.key, ...addExpression(write) } };
    default:
      return toTransactItem(write);
  }
}

function addExpression(write: AddWrite) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds = Object.entries(write.add).map(([field, value], i) => {
    names[`#a${i}`] = field;
    values[`:a${i}`] = value;
    return `#a${i} :a${i}`;
  });
  const sets = Object.entries(write.set ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([field, value], i) => {
      names[`#s${i}`] = field;
      values[`:s${i}`] = value;
      return `#s${i} = :s${i}`;
    });
  if (adds.length + sets.length === 0) throw new Error('An add write with nothing to add or set');
  const clauses = [adds.length ? `ADD ${adds.join(', ')}` : '', sets.length ? `SET ${sets.join(', ')}` : ''];
  return {
    UpdateExpression: clauses.filter(Boolean).join(' '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The item a failed claim returned (ALL_OLD), as plain values. */
function storedItem(item: unknown): Record<string, unknown> | undefined {
  return item ? unmarshall(item as Parameters<typeof unmarshall>[0]) : undefined;
}

// ------------------------------------------------------------------------------------------ bounds

/**
 * A field that only moves one way (a minimum, a maximum, a last-report time): set to `value` only if that moves it
 * (`keep: 'max'` raises, `keep: 'min'` lowers) and only on an existing item. Applied one UpdateItem each, outside
 * any transaction: a bound already passed is the normal case, not a failure, and must not cancel other writes.
 * Safe to repeat, so a retried batch repairs bounds an interrupted run left behind.
 */
export interface BoundWrite {
  kind: 'bound';
  key: Key;
  field: string;
  value: number;
  keep: 'min' | 'max';
}

/** Bounds in flight at once: a backfill of many buckets should not flood the table with parallel writes. */
const BOUNDS_IN_FLIGHT = 16;

export async function applyBounds(bounds: BoundWrite[]): Promise<void> {
  for (let i = 0; i < bounds.length; i += BOUNDS_IN_FLIGHT)
    await Promise.all(bounds.slice(i, i + BOUNDS_IN_FLIGHT).map(applyBound));
}

async function applyBound(bound: BoundWrite): Promise<void> {
  // The stored value is replaced when it is on the wrong side of the new one.
  const replaceWhenStored = bound.keep === 'max' ? '<' : '>';
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: bound.key,
        UpdateExpression: 'SET #f = :v',
        ConditionExpression: `attribute_exists(PK) AND (attribute_not_exists(#f) OR #f ${replaceWhenStored} :v)`,
        ExpressionAttributeNames: { '#f': bound.field },
        ExpressionAttributeValues: { ':v': bound.value },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
