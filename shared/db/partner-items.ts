import type { Key } from '#shared/db/keys';
import { partnerPartition } from '#shared/db/partition';
import { getItem, queryPage, type Page } from '#shared/db/repository';
import { NotFoundError } from '#shared/errors';

/**
 * The partner's own item: its key is shared because every context's partner-owned lists must tell "none yet" from
 * "no such partner" without importing the partners context. The Partner entity (functions/partners/entities.ts)
 * keys itself with this function, so the shape is written once.
 */
export const partnerItemKey = (partnerId: string): Key => ({ PK: partnerPartition(partnerId), SK: 'PARTNER' });

/** Filters for a partner's own lists: equality on attributes, undefined values ignored. */
export type ItemFilter = Record<string, string | undefined>;

/**
 * A page of one kind of item a partner owns (its people, agreements, risks, SLAs, alerts...): one Query on the
 * partner's partition. An empty first page costs one more read to tell "none yet" from "no such partner" (404).
 */
export async function listPartnerItems<T>(
  partnerId: string,
  items: { PK: string; skPrefix: string },
  filter: ItemFilter,
  page: { limit: number; cursor?: string },
  order: { newestFirst?: boolean } = { newestFirst: true },
): Promise<Page<T>> {
  const equals = Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
  const result = await queryPage<T>({
    partition: items.PK,
    sort: { beginsWith: items.skPrefix },
    equals,
    newestFirst: order.newestFirst ?? false,
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  if (result.items.length === 0 && !page.cursor) await assertPartnerExists(partnerId);
  return result;
}

async function assertPartnerExists(partnerId: string): Promise<void> {
  if (!(await getItem(partnerItemKey(partnerId)))) throw new NotFoundError('Partner not found');
}
