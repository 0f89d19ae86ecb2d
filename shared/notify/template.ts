import type * as z from 'zod';
import type { Envelope, EventDefinition } from '#events/envelope';

/**
 * A notification template: what to say about one event, and to whom. Each context declares its own templates
 * (functions/<context>/notifications.ts) next to its events; the notifier delivers them
 * (functions/platform/notifications/delivery.ts). A template is plain data, so the manifest can subscribe the
 * notifier to exactly the events that have one without loading any delivery code.
 */

/** The vendor side hears through the partner's owner manager (or the partner team), the partner side through its active partner-admins. */
export type Audience = 'vendor' | 'partner' | 'both';

export interface Message {
  subject: string;
  text: string;
}

/**
 * What to say about an event, and to whom. Without a partner (a program alert) only the vendor side hears.
 * A message that names the partner is a function of the partner's name, which the notifier reads once.
 */
export type Plan = { partnerId: string | undefined; audience: Audience } & (
  Message | { message(partnerName: string): Message }
);

/** One event's template, its detail's type erased so one list can hold every context's templates. */
export interface NotificationTemplate {
  definition: EventDefinition;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the detail was validated against its own schema
  plan: (envelope: Envelope<any>) => Plan;
}

/** Declares the notification of one event; `plan` sees the event's detail with its own type. */
export function notify<D extends z.ZodType>(
  definition: EventDefinition<D>,
  plan: (envelope: Envelope<z.infer<D>>) => Plan,
): NotificationTemplate {
  return { definition, plan };
}

/** What one side did is news for the other. */
export const otherSide = (side: 'vendor' | 'partner'): Audience => (side === 'vendor' ? 'partner' : 'vendor');
