import { queryAll } from '#shared/db/repository';
import type { Cover } from '#functions/supply/domain/consensus';
import { skuDemandOf } from '#functions/supply/entities';
import { isSharedWith, type StoredLevel } from '#functions/supply/inventory';
import { levelCover } from '#functions/supply/supply-alerts';

/**
 * Network cover: each inventory level of a SKU against the consensus demand of every partner it serves (the
 * partners it is shared with: all partners with demand for `all`, the listed ones otherwise; a vendor-only level
 * serves no partner demand). A partner's own cover divides by its own demand only, because partners read their
 * alerts; a location that several partners draw on can run dry while each of them alone looks covered. The
 * network view is the vendor's: the supply summary's `cover` rows and the hourly check's program alerts
 * (cover-check.ts).
 */

export interface NetworkCover extends Cover {
  location: string;
  /** Partners whose demand the location serves. */
  partnersServed: number;
}

/** Each partner's current daily demand for a SKU, from its weekly or monthly series (one Query). */
export async function networkDemand(sku: string): Promise<Map<string, number>> {
  const byPartner = new Map<string, { dailyDemand: number; updatedAt: string }>();
  const query = { partition: skuDemandOf(sku).PK, limit: 500 };
  for await (const page of queryAll<{ partnerId: string; dailyDemand: number; updatedAt: string }>(query)) {
    for (const demand of page) {
      // A partner forecasting the SKU weekly and monthly: its latest figure counts, once.
      const known = byPartner.get(demand.partnerId);
      if (!known || demand.updatedAt > known.updatedAt) byPartner.set(demand.partnerId, demand);
    }
  }
  return new Map([...byPartner].map(([partnerId, d]) => [partnerId, d.dailyDemand]));
}

/** The partners with demand that a level serves, with their daily demand. */
export function servedBy(level: StoredLevel, demand: Map<string, number>): [partnerId: string, daily: number][] {
  return [...demand].filter(([partnerId]) => isSharedWith(level, partnerId));
}

export function networkCover(levels: StoredLevel[], demand: Map<string, number>, leadTimeDays: number): NetworkCover[] {
  return levels.map((level) => {
    const served = servedBy(level, demand);
    const daily = served.reduce((sum, [, v]) => sum + v, 0);
    return { location: level.location, partnersServed: served.length, ...levelCover(level, daily, leadTimeDays) };
  });
}
