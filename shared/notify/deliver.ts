/**
 * The notification port: how the notifier tells people (e-mail) and integrations (the SNS notifications topic)
 * what happened. In AWS, shared/notify/aws.ts sends through SES and SNS; the local runtime installs an in-memory
 * outbox instead (infra/local/mail-outbox.ts, GET /local/outbox-mail), so nothing local ever reaches AWS.
 */
export interface Notification {
  /** The detail-type of the event that caused it, e.g. `AlertRaised`. */
  event: string;
  /** The causing event's id: integrations deduplicate on it (delivery is at least once). */
  eventId: string;
  /** Absent for what concerns no single partner (a program alert). */
  partnerId?: string;
  /** E-mail addresses; anything else (the `partner-team` placeholder) reaches the topic only. */
  to: string[];
  subject: string;
  text: string;
}

/** Resolves once the notification is handed over; rejects when it should be retried. */
export type Deliverer = (notification: Notification) => Promise<void>;

let local: Deliverer | undefined;

/** The local runtime installs its outbox here; `undefined` puts SES + SNS back. */
export function setDeliverer(deliverer: Deliverer | undefined): void {
  local = deliverer;
}

export async function deliver(notification: Notification): Promise<void> {
  if (local) return local(notification);
  const { deliverThroughAws } = await import('#shared/notify/aws');
  return deliverThroughAws(notification);
}

/** Deliberately loose (SES validates for real): enough to keep placeholders out of SendEmail. */
export const isEmailAddress = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
