import { BatchGetCommand, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { decodeCursor, encodeCursor, queryBinding } from '#shared/db/cursor';
import { storageAttributes, type Key } from '#shared/db/keys';
import type { IndexName } from '#shared/db/table';
import { tableSpec } from '#shared/db/table';

/** One GetItem. Strongly consistent: a client that just wrote reads its own write. */
export async function getItem<T extends object>(key: Key): Promise<(T & Key) | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return out.Item as (T & Key) | undefined;
}

/** BatchGetItem's limit per request. */
const BATCH_GET_KEYS = 100;
/** Retries of keys DynamoDB left unprocessed (throttling), with exponential backoff, before giving up. */
const UNPROCESSED_RETRIES = 8;

/**
 * Many items by key: one BatchGetItem per 100 keys, strongly consistent, retrying what DynamoDB leaves
 * unprocessed. Items come back in no particular order; a key with no item is simply absent. `attributes`
 * narrows what is read (e.g. `['PK', 'SK']` to test existence).
 */
export async function getItems<T extends object = Record<string, unknown>>(
  wanted: Key[],
  options: { attributes?: string[] } = {},
): Promise<(T & Key)[]> {
  const projection = options.attributes?.length
    ? {
        ProjectionExpression: options.attributes.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(options.attributes.map((name, i) => [`#a${i}`, name])),
      }
    : {};
  const items: (T & Key)[] = [];
  for (let start = 0; start < wanted.length; start += BATCH_GET_KEYS) {
    let pending = wanted.slice(start, start + BATCH_GET_KEYS);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > UNPROCESSED_RETRIES) throw new Error(`BatchGetItem left ${pending.length} key(s) unprocessed`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const out = await db().send(
        new BatchGetCommand({
          RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true, ...projection } },
        }),
      );
      items.push(...((out.Responses?.[tableName()] ?? []) as (T & Key)[]));
      pending = (out.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Key[];
    }
  }
  return items;
}

/** The entity without its storage attributes (keys, type, TTL). */
export function toEntity<T>(item: object): T {
  const copy: Record<string, unknown> = { ...item };
  for (const attribute of storageAttributes) delete copy[attribute];
  return copy as T;
}

export interface PageQuery {
  index?: IndexName;
  /** Partition key value (PK, or the index's partition key). */
  partition: string;
  /** Sort key condition. */
  sort?: { beginsWith: string } | { between: [string, string] };
  /** Optional filter on non-key attributes: equality only, AND-ed. */
  equals?: Record<string, string>;
  newestFirst?: boolean;
  limit: number;
  cursor?: string;
  /**
   * Anything else the cursor must be bound to beyond the query itself. The caller's scope (vendor or partner)
   * is bound always, by the cursor module (`withCursorScope`, set by the HTTP pipeline).
   */
  scope?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

const MAX_FILTER_ROUNDS = 4;

/** One Query per page (a few when filtering); the cursor is signed and bound to this exact query and caller. */
export async function queryPage<T>(query: PageQuery): Promise<Page<T>> {
  const binding = queryBinding({
    index: query.index ?? null,
    partition: query.partition,
    sort: query.sort ?? null,
    equals: query.equals ?? null,
    newestFirst: query.newestFirst ?? false,
    scope: query.scope ?? null,
  });
  const startKey = query.cursor ? await decodeCursor(query.cursor, binding) : undefined;
  const { items, lastKey } = await queryItems<T>(query, startKey);
  return {
    items,
    ...(lastKey ? { nextCursor: await encodeCursor(lastKey, binding) } : {}),
  };
}

/** Every item of a query, page by page, for jobs and consumers (internal: no cursor leaves the process). */
export async function* queryAll<T>(query: Omit<PageQuery, 'cursor' | 'scope'>): AsyncGenerator<T[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const { items, lastKey } = await queryItems<T>(query, startKey);
    if (items.length) yield items;
    startKey = lastKey;
  } while (startKey);
}

async function queryItems<T>(
  query: Omit<PageQuery, 'cursor' | 'scope'>,
  startKey: Record<string, unknown> | undefined,
): Promise<{ items: T[]; lastKey?: Record<string, unknown> }> {
  const { pk, sk } = keyNames(query.index);
  const names: Record<string, string> = { '#pk': pk };
  const values: Record<string, unknown> = { ':pk': query.partition };
  let condition = '#pk = :pk';
  if (query.sort) {
    names['#sk'] = sk;
    if ('beginsWith' in query.sort) {
      values[':prefix'] = query.sort.beginsWith;
      condition += ' AND begins_with(#sk, :prefix)';
    } else {
      values[':from'] = query.sort.between[0];
      values[':to'] = query.sort.between[1];
      condition += ' AND #sk BETWEEN :from AND :to';
    }
  }
  const filters = Object.entries(query.equals ?? {}).map(([field, value], i) => {
    names[`#e${i}`] = field;
    values[`:e${i}`] = value;
    return `#e${i} = :e${i}`;
  });
  const input: QueryCommandInput = {
    TableName: tableName(),
    KeyConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: !query.newestFirst,
    ...(query.index ? { IndexName: query.index } : { ConsistentRead: true }),
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
  };
  // Without filters one Query fills the page. With filters DynamoDB applies Limit before filtering, so keep
  // reading (a few Queries at most) until the page is full or the partition is exhausted.
  const items: T[] = [];
  let lastKey = startKey;
  for (let round = 0; round < (filters.length ? MAX_FILTER_ROUNDS : 1); round++) {
    const out = await db().send(
      new QueryCommand({ ...input, Limit: query.limit - items.length, ExclusiveStartKey: lastKey }),
    );
    for (const item of out.Items ?? []) items.push(toEntity<T>(item));
    lastKey = out.LastEvaluatedKey;
    if (!lastKey || items.length >= query.limit) break;
  }
  return { items, ...(lastKey ? { lastKey } : {}) };
}

function keyNames(index: IndexName | undefined): { pk: string; sk: string } {
  if (!index) return { pk: tableSpec.partitionKey, sk: tableSpec.sortKey };
  const gsi = tableSpec.globalSecondaryIndexes.find((g) => g.indexName === index);
  if (!gsi) throw new Error(`unknown index ${index}`);
  return { pk: gsi.partitionKey, sk: gsi.sortKey };
}
