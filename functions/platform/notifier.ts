import { PartnerCreated, PartnerOnboardingStalled, PartnerStatusChanged } from '#events/catalog';
import { consumer, on } from '#events/consumer';
import { logger } from '#shared/log';

/**
 * Tells people what happened to their partnerships. For now it logs the notification it would send
 * (recipient, subject, text); e-mail and SNS delivery arrive with SLA alerts.
 */
interface Notification {
  to: string;
  subject: string;
  text: string;
  partnerId: string;
}

function send(notification: Notification): void {
  logger.info('notification', { ...notification });
}

const channelTeam = 'partner-team';

export const handler = consumer(
  'notifier',
  on(PartnerCreated, async ({ data }) => {
    send({
      to: data.partner.ownerManager ?? channelTeam,
      subject: `New partner: ${data.partner.name}`,
      text: `${data.partner.name} (${data.partner.kind}, ${data.partner.country}) was registered as a prospect.`,
      partnerId: data.partner.id,
    });
  }),
  on(PartnerStatusChanged, async ({ data }) => {
    send({
      to: data.partner.ownerManager ?? channelTeam,
      subject: `${data.partner.name} is now ${data.to}`,
      text: `${data.partner.name} moved from ${data.from} to ${data.to}: ${data.reason}`,
      partnerId: data.partner.id,
    });
  }),
  on(PartnerOnboardingStalled, async ({ data }) => {
    send({
      to: data.partner.ownerManager ?? channelTeam,
      subject: `${data.partner.name} has been onboarding for ${data.days} days`,
      text: `Onboarding started ${data.onboardingSince}. Check what is blocking it.`,
      partnerId: data.partner.id,
    });
  }),
);
