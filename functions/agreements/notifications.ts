import { notify, otherSide } from '#shared/notify/template';
import {
  AgreementActivated,
  AgreementExpired,
  AgreementExpiring,
  AgreementProposed,
  AgreementRenewed,
  AgreementTerminated,
  RiskRaised,
} from '#functions/agreements/events';

/** What the agreements context tells people (delivered by the notifier, functions/platform/notifier.ts). */
export const agreementsNotifications = [
  notify(AgreementProposed, ({ data }) => ({
    partnerId: data.agreement.partnerId,
    audience: otherSide(data.side),
    subject: `New ${data.counterProposal ? 'counter-proposal' : 'proposal'} on “${data.agreement.title}” (version ${data.version})`,
    text: data.summary,
  })),
  notify(AgreementActivated, ({ data }) => ({
    partnerId: data.agreement.partnerId,
    audience: 'both',
    subject: `“${data.agreement.title}” is active`,
    text: `Both parties signed version ${data.version}. It runs from ${data.effectiveAt.slice(0, 10)} to ${data.expiresAt.slice(0, 10)}.`,
  })),
  notify(AgreementTerminated, ({ data }) => ({
    partnerId: data.agreement.partnerId,
    audience: 'both',
    subject: `“${data.agreement.title}” is being terminated`,
    text: `Effective ${data.effectiveAt.slice(0, 10)}: ${data.reason}`,
  })),
  notify(AgreementExpiring, ({ data }) => ({
    partnerId: data.agreement.partnerId,
    audience: 'both',
    subject: `“${data.agreement.title}” ends in ${data.daysLeft} days`,
    text: `It expires on ${data.expiresAt.slice(0, 10)}. Renew or renegotiate before then.`,
  })),
  notify(AgreementExpired, ({ data }) => ({
    partnerId: data.agreement.partnerId,
    audience: 'both',
    subject: `“${data.agreement.title}” has expired`,
    text: `It ended on ${data.expiredAt.slice(0, 10)}; its SLAs are no longer monitored.`,
  })),
  notify(AgreementRenewed, ({ data }) => ({
    partnerId: data.agreement.partnerId,
    audience: 'both',
    subject: `“${data.agreement.title}” renewed`,
    text: `It now runs until ${data.expiresAt.slice(0, 10)}.`,
  })),
  notify(RiskRaised, ({ partnerId, data }) => ({
    partnerId: partnerId!,
    audience: otherSide(data.risk.raisedBy),
    subject: `New ${data.risk.category} risk: ${data.risk.title}`,
    text: `Score ${data.risk.score} of 25. Review it in the shared risk register.`,
  })),
];
