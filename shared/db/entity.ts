import type { Write } from '#shared/db/commit';
import type { Key } from '#shared/db/keys';
import { tableSpec, type IndexName } from '#shared/db/table';

/**
 * An entity declares itself once: its item `type`, its primary key and every index key as functions of its fields,
 * and when it belongs to each index (sparse indexes such as "open alerts" or "active SLAs"). Writes go through the
 * entity, which recomputes the index keys from the item: no use case spreads or removes `GSI*` attributes by hand,
 * and no key string is typed outside an entity definition (ElectroDB's lesson, written for the one commit path).
 */
export interface EntityIndex<T> {
  index: IndexName;
  /** Who reads the index, for the data-layout table. */
  purpose: string;
  /** Sparse membership: the item is in the index only while `test` holds; `says` words it for the layout table. */
  when?: { test: (item: T) => boolean; says: string };
  pk: (item: T) => string;
  sk: (item: T) => string;
}

export interface EntitySpec<T, Id> {
  /** The item's `type` attribute. */
  type: string;
  /** What the item is, in a few words, for the data-layout table. */
  describe: string;
  key: (id: Id) => Key;
  indexes?: Record<string, EntityIndex<T>>;
  /** How long the item lives (attribute `ttl`), if it expires, for the data-layout table. */
  expires?: string;
}

export interface UpdateOptions {
  /** The version the caller read (If-Match): 412 when the item moved on. Without it the item need only exist. */
  expectedVersion?: number;
  /** Fields to remove (index attributes are handled by the entity). */
  remove?: string[];
  notFound?: () => Error;
}

export interface PutOptions {
  ifAbsent?: boolean;
  onConflict?: () => Error;
}

/** Every physical index attribute (`GSI1PK`, ...), by index name. */
const indexAttributes = Object.fromEntries(
  tableSpec.globalSecondaryIndexes.map((gsi) => [gsi.indexName, [gsi.partitionKey, gsi.sortKey] as const]),
) as Record<IndexName, readonly [string, string]>;

export type Entity<T extends object, Id extends object, S extends EntitySpec<T, Id>> = ReturnType<
  typeof build<T, Id, S>
>;

/**
 * `defineEntity<Partner>()({ type, describe, key, indexes })`: the item type is given, the rest inferred so that
 * `entity.indexes.byStatus.pk({ status })` keeps its narrow parameter for queries.
 */
export function defineEntity<T extends object>() {
  return <Id extends object, const S extends EntitySpec<T, Id>>(spec: S & EntitySpec<T, Id>) => build<T, Id, S>(spec);
}

function build<T extends object, Id extends object, S extends EntitySpec<T, Id>>(spec: S & EntitySpec<T, Id>) {
  const indexes = Object.entries<EntityIndex<T>>(spec.indexes ?? {});
  /** The attributes of every physical index this entity uses. */
  const owned = [...new Set(indexes.map(([, i]) => i.index))];

  /** The index attributes the item has in its current state, and those it must not have. */
  function indexKeys(item: T): { set: Record<string, string>; remove: string[] } {
    const set: Record<string, string> = {};
    for (const [name, index] of indexes) {
      if (index.when && !index.when.test(item)) continue;
      const [pkName, skName] = indexAttributes[index.index];
      if (set[pkName] !== undefined) throw new Error(`${spec.type}: two indexes on ${index.index} hold at once`);
      set[pkName] = checked(name, index.pk(item));
      set[skName] = checked(name, index.sk(item));
    }
    const remove = owned.flatMap((gsi) => indexAttributes[gsi]).filter((attribute) => set[attribute] === undefined);
    return { set, remove };
  }

  /** An index key built from a field the write did not supply is a bug, not a key. */
  function checked(index: string, value: string): string {
    if (value.includes('undefined')) throw new Error(`${spec.type}: index ${index} needs a field the write lacks`);
    return value;
  }

  /** The stored item: keys, index keys of its state, `type`, then the entity's fields (`extra`: storage only, e.g. `ttl`). */
  function item(value: T & Id, extra: Record<string, unknown> = {}): Record<string, unknown> & Key {
    return { ...storage(value), ...value, ...extra };
  }

  /** The storage attributes alone (keys, index keys, `type`), for items whose fields are not the key's fields. */
  function storage(value: T & Id): Record<string, string> & Key {
    return { ...spec.key(value), ...indexKeys(value).set, type: spec.type };
  }

  return {
    ...spec,
    indexes: (spec.indexes ?? {}) as S['indexes'] & {},
    key: spec.key,
    indexKeys,
    item,
    storage,
    /** A Put of the whole item. */
    put(value: T & Id, options: PutOptions & { extra?: Record<string, unknown> } = {}): Write {
      const { extra, ...rest } = options;
      return { kind: 'put', item: item(value, extra), ...rest };
    },
    /**
     * An update of `state` by `patch`: the patch's fields are set and the index keys follow the new state, in the
     * same write. `state` is the item as read (or, for a system change made without reading, every field the
     * entity's keys and index conditions use): an index whose condition field is missing would be left.
     */
    update(state: Id & Partial<T>, patch: Partial<T> & Record<string, unknown>, options: UpdateOptions = {}): Write {
      const next = { ...state, ...patch } as T;
      for (const field of options.remove ?? []) delete (next as Record<string, unknown>)[field];
      const index = indexKeys(next);
      return {
        kind: 'update',
        key: spec.key(state),
        set: { ...patch, ...index.set },
        remove: [...(options.remove ?? []), ...index.remove],
        ...(options.expectedVersion !== undefined ? { expectedVersion: options.expectedVersion } : {}),
        ...(options.notFound ? { notFound: options.notFound } : {}),
      };
    },
  };
}

/** What the data-layout table says of one entity: its keys and indexes with field names in angle brackets. */
export interface LayoutRow {
  pk: string;
  sk: string;
  describe: string;
  indexes: string[];
}

/** Reads any field as `<field>`, so calling a key function shows the key's shape. */
const placeholders = new Proxy<Record<string, unknown>>(
  {},
  {
    get: (_, field) => (typeof field === 'string' ? `<${field}>` : undefined),
  },
);

export function layoutRow(entity: EntitySpec<never, never>): LayoutRow {
  const probe = placeholders as never;
  const key = entity.key(probe);
  const indexes = Object.values(entity.indexes ?? {}).map((index: EntityIndex<never>) => {
    const when = index.when ? ` ${index.when.says}` : '';
    return `${index.index} \`${index.pk(probe)}\` / \`${index.sk(probe)}\`${when}: ${index.purpose}`;
  });
  const describe = entity.expires ? `${entity.describe} (TTL: ${entity.expires})` : entity.describe;
  return { pk: key.PK, sk: key.SK, describe, indexes };
}
