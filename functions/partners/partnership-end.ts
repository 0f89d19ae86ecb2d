import type { OutboxItem } from '#events/outbox-item';
import type { OperationContext } from '#shared/context';
import type { Write } from '#shared/db/commit';

/**
 * What else ends when a partnership ends (offboarding), as writes and events for the same transaction as the status
 * change: today, monitoring (the partner's SLAs retire and their open alerts resolve). Partners is upstream of the
 * contexts that keep such things, so it declares this port and the entry points wire it (`endPartnershipWith`),
 * instead of importing them.
 */
export type PartnershipEnding = (
  ctx: OperationContext,
  partnerId: string,
  why: string,
) => Promise<{ writes: Write[]; events: OutboxItem[] }>;

let ending: PartnershipEnding | undefined;

/** Called once by each entry point that can offboard a partner (the partners API, the local seed). */
export function endPartnershipWith(fn: PartnershipEnding): void {
  ending = fn;
}

/** The wired ending; unwired is a deployment bug, never a reason to offboard and keep monitoring. */
export function partnershipEnding(): PartnershipEnding {
  if (!ending)
    throw new Error('Nothing is wired to end with a partnership: call endPartnershipWith at the entry point');
  return ending;
}
