import { nowMs } from '#shared/clock';
import { cover, type Cover } from '#functions/supply/domain/consensus';
import { AlertRaceError, type AlertState } from '#functions/alerts/index';
import type { StoredLevel } from '#functions/supply/inventory';

/** What the supply checks share: a new warning alert's state, the cover of a level, and losing a raise race. */

export function firing(measured: number, target: number, window: string): AlertState {
  const now = nowMs();
  return {
    status: 'firing',
    severity: 'warning',
    firstSeen: now,
    lastSeen: now,
    occurrences: 1,
    measured,
    target,
    window,
    lastNotifiedAt: now,
  };
}

/**
 * Days of cover of a level at `dailyDemand`, counting the inbound stock due within the lead time (what arrives
 * later cannot prevent a stock-out before a new order could).
 */
export function levelCover(level: StoredLevel, dailyDemand: number, leadTimeDays: number): Cover {
  const today = new Date(nowMs()).toISOString().slice(0, 10);
  const leadEnd = new Date(nowMs() + leadTimeDays * 86_400_000).toISOString().slice(0, 10);
  const inbound = level.inbound.filter((i) => i.eta >= today && i.eta <= leadEnd).reduce((s, i) => s + i.qty, 0);
  return cover({ available: level.available, inboundWithinLeadTime: inbound, dailyDemand, leadTimeDays });
}

/** Commits a raise; 0 when another worker opened the same key a moment ago (the alert exists, which is all we wanted). */
export async function raiseOrIgnoreRace(run: () => Promise<void>): Promise<number> {
  try {
    await run();
    return 1;
  } catch (error) {
    if (error instanceof AlertRaceError) return 0;
    throw error;
  }
}
