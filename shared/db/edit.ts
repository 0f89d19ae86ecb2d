import type { OutboxItem } from '#events/outbox-item';
import { nowIso } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit, type AuditInput, type Write } from '#shared/db/commit';
import type { UpdateOptions } from '#shared/db/entity';

/** The fields every versioned object starts with. */
export interface NewEntityMeta {
  version: 1;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

/** The metadata block of a new object: version 1, created and updated now, by the caller. */
export function newEntityMeta(ctx: OperationContext, at: string = nowIso()): NewEntityMeta {
  return { version: 1, createdAt: at, updatedAt: at, createdBy: ctx.actor.sub };
}

/** Field-level before/after of the fields `after` sets (undefined = not set), for the audit trail. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from: from ?? null, to };
  }
  return changes;
}

/** What can write an update of an object of type T: an entity definition (`defineEntity`). */
export interface Updatable<T> {
  update(state: T, patch: Partial<T>, options?: UpdateOptions): Write;
}

export interface VersionedEdit<T extends { version: number }> {
  entity: Updatable<T>;
  /** The object's name in the 412 sentence ("The risk is at version 3, not 2"). */
  what: string;
  /** The object as read. */
  current: T;
  /** The version the caller read (If-Match). */
  expectedVersion: number;
  /** The fields to change; undefined values are left as they are. */
  set: Partial<T>;
  audit: Omit<AuditInput, 'changes'>;
  /** The audit's field-level changes, for an object that words them its own way (default: `diffFields`). */
  diff?: (current: T, set: Partial<T>) => Record<string, { from: unknown; to: unknown }>;
  /** Other writes of the same transaction (a link checked, a version item). */
  writes?: Write[];
  /** The events of the change, from the object's new state. */
  events?: (next: T) => OutboxItem[];
  notFound?: UpdateOptions['notFound'];
}

/**
 * The If-Match edit every versioned object shares: check the version read, diff, and write only what changed,
 * with its audit entry (field-level before/after) and events, in one transaction conditioned on that version.
 * Nothing changed: nothing is written and the object is returned as it is.
 */
export async function editVersioned<T extends { version: number }>(
  ctx: OperationContext,
  edit: VersionedEdit<T>,
): Promise<T> {
  const { current, expectedVersion } = edit;
  assertVersion(edit.what, current.version, expectedVersion);
  const set = Object.fromEntries(Object.entries(edit.set).filter(([, value]) => value !== undefined)) as Partial<T>;
  const changes = edit.diff
    ? edit.diff(current, set)
    : diffFields(current as Record<string, unknown>, set as Record<string, unknown>);
  if (Object.keys(changes).length === 0) return current;
  const next = { ...current, ...set, version: current.version + 1, updatedAt: nowIso() };
  await commit(ctx, {
    writes: [
      edit.entity.update(current, set, {
        expectedVersion,
        ...(edit.notFound ? { notFound: edit.notFound } : {}),
      }),
      ...(edit.writes ?? []),
    ],
    audit: { ...edit.audit, changes },
    ...(edit.events ? { events: edit.events(next) } : {}),
  });
  return next;
}
