import { InventoryLevelChanged } from '#functions/supply/events';
import { outboxEvent } from '#events/outbox';
import type { Principal } from '#shared/auth/principal';
import { partnerScope } from '#shared/auth/policy';
import { nowIso } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit, type Write } from '#shared/db/commit';
import { newEntityMeta } from '#shared/db/edit';
import { getItem, queryAll, queryPage, toEntity, type Page } from '#shared/db/repository';
import type { InventoryLevel, PutInventoryInput, SharedWith } from '#functions/supply/domain/schemas';
import { InventoryLevelEntity, inventoryOf, type StoredLevel } from '#functions/supply/entities';
import { PreconditionFailedError, PreconditionRequiredError } from '#shared/errors';
import { getProduct } from '#functions/supply/products';

/**
 * Inventory levels, published by the vendor per SKU and location. Sharing is per level (`sharedWith`):
 * `none` (vendor only, the default), `all` partners, or a list of partner ids. A partner reads only the levels
 * shared with it, without the sharing list (it never learns which other partners see a level). The partners a
 * level is shared with are also the demand it serves when the forecast job computes days of cover.
 */

export type { StoredLevel };

export function isSharedWith(level: { sharedWith: SharedWith }, partnerId: string): boolean {
  return level.sharedWith === 'all' || (Array.isArray(level.sharedWith) && level.sharedWith.includes(partnerId));
}

/**
 * Creates the level (no If-Match) or replaces it (If-Match: the version read). `expectedVersion` 0 means the
 * caller sent no If-Match: fine for a new level, 428 for an existing one.
 */
export async function putInventory(
  ctx: OperationContext,
  sku: string,
  location: string,
  expectedVersion: number,
  input: PutInventoryInput,
): Promise<InventoryLevel> {
  await getProduct(sku);
  const current = await getItem<StoredLevel>(InventoryLevelEntity.key({ sku, location }));
  const at = nowIso();
  const fields = {
    sku,
    location,
    onHand: input.onHand,
    allocated: input.allocated,
    available: input.onHand - input.allocated,
    inbound: [...input.inbound].sort((a, b) => a.eta.localeCompare(b.eta)),
    sharedWith: input.sharedWith,
  };
  let write: Write;
  let level: InventoryLevel;
  if (!current) {
    if (expectedVersion > 0)
      throw new PreconditionFailedError(
        `There is no inventory level for ${sku} at ${location} yet: send it without If-Match`,
      );
    const created = { ...fields, ...newEntityMeta(ctx, at) };
    level = created;
    write = InventoryLevelEntity.put(created, {
      ifAbsent: true,
      onConflict: () => new PreconditionFailedError('The level was created meanwhile: read it and retry with its ETag'),
    });
  } else {
    if (expectedVersion === 0) {
      throw new PreconditionRequiredError(
        `The level of ${sku} at ${location} exists: send If-Match with the ETag you read, e.g. If-Match: "${current.version}"`,
      );
    }
    if (current.version !== expectedVersion) {
      throw new PreconditionFailedError(
        `The level is at version ${current.version}, not ${expectedVersion}: read it again and retry with the new ETag`,
      );
    }
    write = InventoryLevelEntity.update(current, fields, { expectedVersion });
    level = { ...toEntity<InventoryLevel>(current), ...fields, version: current.version + 1, updatedAt: at };
  }
  await commit(ctx, {
    writes: [write],
    audit: {
      action: current ? 'inventory.updated' : 'inventory.created',
      entityType: 'inventory',
      entityId: `${sku}@${location}`,
      ...(current
        ? {
            changes: Object.fromEntries(
              (['onHand', 'allocated', 'sharedWith'] as const)
                .filter((f) => JSON.stringify(current[f]) !== JSON.stringify(fields[f]))
                .map((f) => [f, { from: current[f], to: fields[f] }]),
            ),
          }
        : {}),
    },
    events: [
      outboxEvent(ctx, InventoryLevelChanged, undefined, {
        sku,
        location,
        onHand: fields.onHand,
        allocated: fields.allocated,
        available: fields.available,
        version: level.version,
      }),
    ],
  });
  return level;
}

/** What a caller may see of a level: everything for the vendor, no sharing list for a partner; undefined if hidden. */
export function visibleLevel(level: StoredLevel, principal: Principal): InventoryLevel | undefined {
  const partnerId = partnerScope(principal);
  if (partnerId === undefined) return level;
  if (!isSharedWith(level, partnerId)) return undefined;
  const { sharedWith: _hidden, ...rest } = level;
  return rest;
}

export async function getInventory(
  principal: Principal,
  sku: string,
  location: string,
): Promise<InventoryLevel | undefined> {
  const item = await getItem<StoredLevel>(InventoryLevelEntity.key({ sku, location }));
  return item && visibleLevel(toEntity<StoredLevel>(item), principal);
}

/**
 * Levels by SKU (one Query on the SKU's prefix) or all levels, optionally at one location (a filter).
 * A partner's page leaves out levels not shared with it, so it may hold fewer than `limit` items while
 * `nextCursor` is present (the cursor is bound to the caller's scope).
 */
export async function listInventory(
  principal: Principal,
  filter: { sku?: string | undefined; location?: string | undefined },
  page: { limit: number; cursor?: string },
): Promise<Page<InventoryLevel>> {
  const { PK, skPrefix: prefix } = inventoryOf(filter.sku);
  const result = await queryPage<StoredLevel>({
    partition: PK,
    ...(prefix ? { sort: { beginsWith: prefix } } : {}),
    ...(filter.location ? { equals: { location: filter.location } } : {}),
    limit: page.limit,
    scope: partnerScope(principal) ?? 'vendor',
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return {
    items: result.items.map((l) => visibleLevel(l, principal)).filter((l): l is InventoryLevel => l !== undefined),
    ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}),
  };
}

/** Every level of a SKU, for the cover check and the vendor summary (internal). */
export async function levelsOf(sku: string): Promise<StoredLevel[]> {
  const levels: StoredLevel[] = [];
  const { PK, skPrefix } = inventoryOf(sku);
  for await (const page of queryAll<StoredLevel>({
    partition: PK,
    sort: { beginsWith: skPrefix },
    limit: 100,
  })) {
    levels.push(...page);
  }
  return levels;
}
