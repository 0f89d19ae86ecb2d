import { notify } from '#shared/notify/template';
import { PartnerCreated, PartnerOnboardingStalled, PartnerStatusChanged } from '#functions/partners/events';

/** What the partners context tells people (delivered by the notifier, functions/platform/notifier.ts). */
export const partnersNotifications = [
  notify(PartnerCreated, ({ data }) => ({
    partnerId: data.partner.id,
    audience: 'vendor',
    subject: `New partner: ${data.partner.name}`,
    text: `${data.partner.name} (${data.partner.kind}, ${data.partner.country}) was registered as a prospect.`,
  })),
  notify(PartnerStatusChanged, ({ data }) => ({
    partnerId: data.partner.id,
    audience: 'both',
    subject: `${data.partner.name} is now ${data.to}`,
    text: `${data.partner.name} moved from ${data.from} to ${data.to}: ${data.reason}`,
  })),
  notify(PartnerOnboardingStalled, ({ data }) => ({
    partnerId: data.partner.id,
    audience: 'vendor',
    subject: `${data.partner.name} has been onboarding for ${data.days} days`,
    text: `Onboarding started ${data.onboardingSince}. Check what is blocking it.`,
  })),
];
