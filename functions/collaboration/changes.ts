/**
 * Field-level before/after of the fields `set` changes, for the audit trail. Unlike `diffFields`
 * (shared/db/edit.ts), a field set for the first time has no `from` rather than `from: null`: the trail of
 * objectives and check-ins has always read so.
 */
export function changedFields<T extends object>(
  current: T,
  set: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const before = current as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(set)
      .filter(([field, value]) => JSON.stringify(before[field]) !== JSON.stringify(value))
      .map(([field, value]) => [field, { from: before[field], to: value }]),
  );
}
