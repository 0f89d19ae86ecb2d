import { randomUUID } from 'node:crypto';
import { nowIso } from '#shared/clock';
import { setDeliverer, type Deliverer, type Notification } from '#shared/notify/deliver';
import type { Logger } from '#infra/local/log';

/**
 * The local stand-in for SES and the notifications topic: every notification is kept in memory (the last
 * `keep`), logged as one line, and served by GET /local/outbox-mail. It records what would have been sent,
 * recipients as the notifier chose them (a `partner-team` placeholder would reach the topic only in AWS).
 */

export interface OutboxMail extends Notification {
  id: string;
  /** The local clock's time, so mail sent after POST /local/clock carries the moved time. */
  sentAt: string;
}

export interface MailFilter {
  /** Mail addressed to this recipient (case-insensitive). */
  to?: string;
  partnerId?: string;
}

export interface MailOutbox {
  deliverer: Deliverer;
  install(): void;
  uninstall(): void;
  /** Newest first. */
  list(filter?: MailFilter): OutboxMail[];
}

export function createMailOutbox(options: { log: Logger; keep?: number }): MailOutbox {
  const keep = options.keep ?? 500;
  const mails: OutboxMail[] = [];

  const deliverer: Deliverer = async (notification) => {
    const mail: OutboxMail = { id: randomUUID(), sentAt: nowIso(), ...structuredClone(notification) };
    mails.push(mail);
    if (mails.length > keep) mails.shift();
    options.log.info('mail', { event: mail.event, partnerId: mail.partnerId, to: mail.to, subject: mail.subject });
  };

  return {
    deliverer,
    install: () => setDeliverer(deliverer),
    uninstall: () => setDeliverer(undefined),
    list(filter = {}) {
      const to = filter.to?.toLowerCase();
      return mails
        .filter(
          (mail) =>
            (to === undefined || mail.to.some((r) => r.toLowerCase() === to)) &&
            (filter.partnerId === undefined || mail.partnerId === filter.partnerId),
        )
        .reverse();
    },
  };
}
