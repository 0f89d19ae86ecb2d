import type { z } from 'zod';
import {
  AgreementActivated,
  AgreementExpired,
  AgreementExpiring,
  AgreementProposed,
  AgreementRenewed,
  AgreementTerminated,
  RiskRaised,
} from '#functions/agreements/events';
import { AlertRaised, AlertRenotified, AlertResolved } from '#functions/alerts/events';
import { PartnerCreated, PartnerOnboardingStalled, PartnerStatusChanged } from '#functions/partners/events';
import {
  CheckInDue,
  CheckInRecorded,
  CheckInScheduled,
  DisclosureStale,
  DisclosureUpdated,
  DisputeEscalated,
  DisputeMessagePosted,
  DisputeRaised,
  DisputeResolutionProposed,
  DisputeResolved,
  FeedbackStatusChanged,
  FeedbackSubmitted,
  MilestoneOverdue,
  MilestoneStatusChanged,
  ObjectiveCreated,
} from '#functions/collaboration/events';
import { consumer, on } from '#events/consumer';
import type { Envelope, EventDefinition } from '#events/envelope';
import { keys } from '#shared/db/keys';
import { getItem, queryAll } from '#shared/db/repository';
import type { Member } from '#functions/partners/domain/member';
import type { Partner } from '#functions/partners/domain/partner';
import { logger } from '#shared/log';
import { deliver } from '#shared/notify/deliver';
import { invocation } from '#shared/invocation';

/**
 * Tells people what happened to their partnerships: the vendor side through the partner's owner manager
 * (or the partner team), the partner side through its active partner-admins. Delivery goes through the
 * notification port (shared/notify/deliver.ts): SES e-mail and the SNS integrations topic in AWS, the local
 * outbox (GET /local/outbox-mail) locally.
 */

type Audience = 'vendor' | 'partner' | 'both';

/** Who hears of a partner without an owner manager; not an address, so it reaches the integrations topic only. */
const PARTNER_TEAM = 'partner-team';

interface Message {
  subject: string;
  text: string;
}

/** What a program alert (no partner) calls the partner in its messages. */
const NETWORK = 'Partner network';

/** What to say about an event, and to whom. Without a partner (a program alert) only the vendor side hears. */
type Plan = { partnerId: string | undefined; audience: Audience } & (
  Message | { message(partnerName: string): Message }
);

function notify<D extends z.ZodType>(definition: EventDefinition<D>, plan: (envelope: Envelope<z.infer<D>>) => Plan) {
  return on(definition, async (envelope) => {
    const planned = plan(envelope);
    const { partnerId, audience } = planned;
    const partner = partnerId ? await getItem<Partner>(keys.partner(partnerId)) : undefined;
    const { subject, text } = 'message' in planned ? planned.message(partner?.name ?? partnerId ?? NETWORK) : planned;
    const to = partnerId ? await recipients(partnerId, partner, audience) : [PARTNER_TEAM];
    await deliver({
      event: definition.detailType,
      eventId: envelope.eventId,
      ...(partnerId ? { partnerId } : {}),
      to,
      subject,
      text,
    });
    logger.info('notification sent', { event: definition.detailType, partnerId, subject, recipients: to.length });
  });
}

async function recipients(partnerId: string, partner: Partner | undefined, audience: Audience): Promise<string[]> {
  const to: string[] = [];
  if (audience !== 'partner') to.push(partner?.ownerManager ?? PARTNER_TEAM);
  if (audience !== 'vendor') {
    const { PK, skPrefix } = keys.membersOf(partnerId);
    for await (const members of queryAll<Member>({
      partition: PK,
      sort: { beginsWith: skPrefix },
      equals: { status: 'active', role: 'partner-admin' },
      limit: 100,
    })) {
      to.push(...members.map((m) => m.email));
    }
  }
  return to;
}

const otherSide = (side: 'vendor' | 'partner'): Audience => (side === 'vendor' ? 'partner' : 'vendor');

type Alert = z.infer<typeof AlertRaised.data>['alert'];

/** `[critical] Acme: first-response 91.5 vs target 95 over 1h, rule 1h/5m@14.4x` */
function alertLine(alert: Alert, partnerName: string): string {
  const measured = alert.measured === undefined ? 'no data' : formatNumber(alert.measured);
  const rule = alert.rule ? `, rule ${alert.rule}` : '';
  return `[${alert.severity}] ${partnerName}: ${alert.metric} ${measured} vs target ${formatNumber(alert.target)} over ${formatDuration(alert.window)}${rule}`;
}

function alertFacts(alert: Alert, partnerName: string): string {
  return [
    `Partner: ${partnerName}`,
    `Metric: ${alert.metric} (SLA ${alert.slaId})`,
    `Severity: ${alert.severity}`,
    `Measured: ${alert.measured === undefined ? 'no data' : formatNumber(alert.measured)} against a target of ${formatNumber(alert.target)} over ${formatDuration(alert.window)}${alert.rule ? ` (burn-rate rule ${alert.rule})` : ''}`,
    `Firing since: ${formatTime(alert.firstSeen)}; ${alert.occurrences} breaching evaluation${alert.occurrences === 1 ? '' : 's'}, the last at ${formatTime(alert.lastSeen)}`,
    `Alert: ${alert.partnerId ? `/v1/partners/${alert.partnerId}/alerts/${alert.id}` : `/v1/alerts/${alert.id}`}`,
  ].join('\n');
}

const ACKNOWLEDGE_HINT =
  'Acknowledge the alert in Accord once someone is on it; until then, reminders follow while it keeps firing.';

export const handler = invocation(
  consumer(
    'notifier',
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
    // SLA alerts concern both sides: the vendor's manager and the partner's admins see the same facts.
    notify(AlertRaised, ({ data: { alert } }) => ({
      partnerId: alert.partnerId,
      audience: 'both',
      message: (partnerName) => ({
        subject: alertLine(alert, partnerName),
        text: `${alert.detail}\n\n${alertFacts(alert, partnerName)}\n\n${ACKNOWLEDGE_HINT}`,
      }),
    })),
    notify(AlertRenotified, ({ data: { alert } }) => ({
      partnerId: alert.partnerId,
      audience: 'both',
      message: (partnerName) => ({
        subject: `Still firing since ${formatTime(alert.firstSeen)}: ${alertLine(alert, partnerName)}`,
        text: `Still breaching and not acknowledged. ${alert.detail}\n\n${alertFacts(alert, partnerName)}\n\n${ACKNOWLEDGE_HINT}`,
      }),
    })),
    notify(AlertResolved, ({ occurredAt, data: { alert, resolution, note } }) => ({
      partnerId: alert.partnerId,
      audience: 'both',
      message: (partnerName) => ({
        subject: `Resolved: [${alert.severity}] ${partnerName}: ${alert.metric}`,
        text: [
          resolution === 'recovered'
            ? `${alert.metric} is back within target (${formatNumber(alert.target)} over ${formatDuration(alert.window)}).`
            : `The alert was resolved by hand${note ? `: ${note}` : '.'}`,
          `It fired from ${formatTime(alert.firstSeen)} to ${formatTime(occurredAt)} (${alert.occurrences} breaching evaluation${alert.occurrences === 1 ? '' : 's'}).`,
          '',
          `Partner: ${partnerName}`,
          `Metric: ${alert.metric} (SLA ${alert.slaId})`,
        ].join('\n'),
      }),
    })),
    // Collaboration: what one side did is news for the other; shared commitments concern both.
    notify(DisclosureUpdated, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: otherSide(data.side),
      message: (partnerName) => ({
        subject: `${partnerName}: the ${data.side} side updated its disclosure (version ${data.version})`,
        text: `${data.items} item(s) on needs, concerns, constraints and metrics that matter. Read it in the collaboration workspace.`,
      }),
    })),
    notify(DisclosureStale, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: data.side,
      message: (partnerName) => ({
        subject: `${partnerName}: ${data.stale.length} disclosure item(s) are past their review date`,
        text: `Items ${data.stale.join(', ')} of the ${data.side} side's disclosure were due for review on ${data.reviewBy}. Confirm or update them.`,
      }),
    })),
    notify(ObjectiveCreated, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: 'both',
      subject: `New joint objective for ${data.objective.quarter}: ${data.objective.title}`,
      text: `Owned by the ${data.objective.ownerSide} side, with ${data.milestones} milestone(s).`,
    })),
    notify(MilestoneStatusChanged, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: 'both',
      subject: `Milestone “${data.milestone.title}” is ${data.to}`,
      text: `Objective “${data.objective.title}”: ${data.from} -> ${data.to} (due ${data.milestone.due}, ${data.milestone.ownerSide} side).`,
    })),
    notify(MilestoneOverdue, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: 'both',
      subject: `Overdue: milestone “${data.milestone.title}” (${data.daysOverdue} day(s))`,
      text: `Objective “${data.objective.title}”: the milestone was due ${data.milestone.due} and is ${data.milestone.status}. Owner: the ${data.milestone.ownerSide} side.`,
    })),
    notify(CheckInScheduled, ({ partnerId, data: { checkIn } }) => ({
      partnerId: partnerId!,
      audience: 'both',
      subject: `${checkIn.kind} scheduled: ${checkIn.title}, ${checkIn.localStart.replace('T', ' ')} (${checkIn.timezone})`,
      text: `${checkIn.cadence ? `Repeats ${checkIn.cadence}. ` : ''}Calendar file: /v1/partners/${partnerId}/check-ins/${checkIn.id}.ics`,
    })),
    notify(CheckInDue, ({ partnerId, data: { checkIn, hoursLeft } }) => ({
      partnerId: partnerId!,
      audience: 'both',
      subject: `Tomorrow: ${checkIn.title}, ${checkIn.localStart.replace('T', ' ')} (${checkIn.timezone})`,
      text: `Starts in ${hoursLeft} hours (${formatTime(checkIn.startsAt)}). Calendar file: /v1/partners/${partnerId}/check-ins/${checkIn.id}.ics`,
    })),
    notify(CheckInRecorded, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: 'both',
      subject: `${data.checkIn.title}: ${data.status}`,
      text: `${data.decisions} decision(s) and ${data.actionItems} action item(s) recorded.`,
    })),
    notify(DisputeRaised, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: otherSide(data.dispute.raisedBy),
      subject: `Dispute raised (${data.dispute.category}, ${data.dispute.severity}): ${data.dispute.title}`,
      text: `The ${data.dispute.raisedBy} side raised a dispute. Please answer by ${formatTime(data.responseDueAt)}; without an answer it is escalated.`,
    })),
    notify(DisputeMessagePosted, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: otherSide(data.side),
      subject: `New message on the dispute “${data.dispute.title}”`,
      text: `The ${data.side} side wrote.${data.responseDueAt ? ` Please answer by ${formatTime(data.responseDueAt)}.` : ''}`,
    })),
    notify(DisputeResolutionProposed, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: otherSide(data.side),
      subject: `Resolution proposed on the dispute “${data.dispute.title}”`,
      text: data.summary,
    })),
    notify(DisputeResolved, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: 'both',
      subject: `Dispute resolved: ${data.dispute.title}`,
      text: `The ${data.acceptedBy} side accepted: ${data.resolution}`,
    })),
    // Escalations go to the vendor's side (the partner's owner manager, or the partner team).
    notify(DisputeEscalated, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: 'vendor',
      message: (partnerName) => ({
        subject: `Escalated: dispute with ${partnerName}: ${data.dispute.title}`,
        text: `The ${data.awaitingSide} side did not answer within ${data.businessDays} business day(s) (due ${formatTime(data.responseDueAt)}). Category ${data.dispute.category}, severity ${data.dispute.severity}.`,
      }),
    })),
    notify(FeedbackSubmitted, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: 'vendor',
      message: (partnerName) => ({
        subject: `Feedback from ${partnerName} (${data.feedback.kind}): ${data.feedback.title}`,
        text: `${data.feedback.sku ? `SKU ${data.feedback.sku}. ` : ''}Triage it in Accord (GET /v1/feedback?status=new).`,
      }),
    })),
    notify(FeedbackStatusChanged, ({ partnerId, data }) => ({
      partnerId: partnerId!,
      audience: 'partner',
      subject: `Your feedback “${data.feedback.title}” is ${data.to}`,
      text: data.response,
    })),
  ),
);

/** At most two decimals, no trailing zeros: 91.5, 95, 0.33. */
function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** `PT1H` -> `1h`, `P3D` -> `3d`, `P1DT12H` -> `1d 12h`; anything else as written. */
function formatDuration(iso: string): string {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return iso;
  const parts = [
    [m[1], 'w'],
    [m[2], 'd'],
    [m[3], 'h'],
    [m[4], 'm'],
    [m[5], 's'],
  ].filter(([n]) => n !== undefined && Number(n) !== 0);
  return parts.length === 0 ? iso : parts.map(([n, unit]) => `${Number(n)}${unit}`).join(' ');
}

/** `2026-12-01T10:05:00.000Z` -> `2026-12-01 10:05 UTC`. */
function formatTime(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}
