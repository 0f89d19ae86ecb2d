/**
 * A table item's primary key. Key shapes are not written here: each stored object declares its own in its entity
 * definition (`functions/<context>/entities.ts`, the platform's in `shared/db/entities.ts`; see `shared/db/entity.ts`),
 * and docs/ARCHITECTURE.md's data-layout table is generated from those definitions.
 */
export interface Key {
  PK: string;
  SK: string;
}

/** Attributes that are storage detail, never part of an entity returned by the API. */
export const storageAttributes = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'type', 'ttl'] as const;
