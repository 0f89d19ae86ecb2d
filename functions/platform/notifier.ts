import {
  AgreementActivated,
  AgreementExpired,
  AgreementExpiring,
  AgreementProposed,
  AgreementRenewed,
  AgreementTerminated,
  PartnerCreated,
  PartnerOnboardingStalled,
  PartnerStatusChanged,
  RiskRaised,
} from '#events/catalog';
import { consumer, on } from '#events/consumer';
import { keys } from '#shared/db/keys';
import { getItem, queryAll } from '#shared/db/repository';
import type { Member } from '#shared/domain/partners/member';
import type { Partner } from '#shared/domain/partners/partner';
import { logger } from '#shared/log';

/**
 * Tells people what happened to their partnerships: the vendor side through the partner's owner manager
 * (or the partner team), the partner side through its active partner-admins. For now it logs the notification
 * it would send (recipients, subject, text); e-mail and SNS delivery arrive with SLA alerts.
 */
interface Notification {
  to: string[];
  subject: string;
  text: string;
  partnerId: string;
}

type Audience = 'vendor' | 'partner' | 'both';

const PARTNER_TEAM = 'partner-team';

async function send(partnerId: string, audience: Audience, subject: string, text: string): Promise<void> {
  const to = await recipients(partnerId, audience);
  const notification: Notification = { to, subject, text, partnerId };
  logger.info('notification', { ...notification });
}

async function recipients(partnerId: string, audience: Audience): Promise<string[]> {
  const to: string[] = [];
  if (audience !== 'partner') {
    const partner = await getItem<Partner>(keys.partner(partnerId));
    to.push(partner?.ownerManager ?? PARTNER_TEAM);
  }
  if (audience !== 'vendor') {
    const { PK, skPrefix } = keys.membersOf(partnerId);
    for await (const members of queryAll<Member>({ partition: PK, sort: { beginsWith: skPrefix }, equals: { status: 'active', role: 'partner-admin' }, limit: 100 })) {
      to.push(...members.map((m) => m.email));
    }
  }
  return to;
}

const otherSide = (side: 'vendor' | 'partner'): Audience => (side === 'vendor' ? 'partner' : 'vendor');

export const handler = consumer(
  'notifier',
  on(PartnerCreated, async ({ data }) => {
    await send(data.partner.id, 'vendor', `New partner: ${data.partner.name}`, `${data.partner.name} (${data.partner.kind}, ${data.partner.country}) was registered as a prospect.`);
  }),
  on(PartnerStatusChanged, async ({ data }) => {
    await send(data.partner.id, 'both', `${data.partner.name} is now ${data.to}`, `${data.partner.name} moved from ${data.from} to ${data.to}: ${data.reason}`);
  }),
  on(PartnerOnboardingStalled, async ({ data }) => {
    await send(data.partner.id, 'vendor', `${data.partner.name} has been onboarding for ${data.days} days`, `Onboarding started ${data.onboardingSince}. Check what is blocking it.`);
  }),
  on(AgreementProposed, async ({ data }) => {
    const what = data.counterProposal ? 'counter-proposal' : 'proposal';
    await send(data.agreement.partnerId, otherSide(data.side), `New ${what} on “${data.agreement.title}” (version ${data.version})`, data.summary);
  }),
  on(AgreementActivated, async ({ data }) => {
    await send(data.agreement.partnerId, 'both', `“${data.agreement.title}” is active`, `Both parties signed version ${data.version}. It runs from ${data.effectiveAt.slice(0, 10)} to ${data.expiresAt.slice(0, 10)}.`);
  }),
  on(AgreementTerminated, async ({ data }) => {
    await send(data.agreement.partnerId, 'both', `“${data.agreement.title}” is being terminated`, `Effective ${data.effectiveAt.slice(0, 10)}: ${data.reason}`);
  }),
  on(AgreementExpiring, async ({ data }) => {
    await send(data.agreement.partnerId, 'both', `“${data.agreement.title}” ends in ${data.daysLeft} days`, `It expires on ${data.expiresAt.slice(0, 10)}. Renew or renegotiate before then.`);
  }),
  on(AgreementExpired, async ({ data }) => {
    await send(data.agreement.partnerId, 'both', `“${data.agreement.title}” has expired`, `It ended on ${data.expiredAt.slice(0, 10)}; its SLAs are no longer monitored.`);
  }),
  on(AgreementRenewed, async ({ data }) => {
    await send(data.agreement.partnerId, 'both', `“${data.agreement.title}” renewed`, `It now runs until ${data.expiresAt.slice(0, 10)}.`);
  }),
  on(RiskRaised, async ({ partnerId, data }) => {
    await send(partnerId!, otherSide(data.risk.raisedBy), `New ${data.risk.category} risk: ${data.risk.title}`, `Score ${data.risk.score} of 25. Review it in the shared risk register.`);
  }),
);
