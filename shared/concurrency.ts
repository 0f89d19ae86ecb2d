/**
 * Runs `work` on every item with at most `limit` in flight, taking items in list order; resolves when all are
 * done. Work that must not stop the others catches its own errors.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
