import { formatTime } from '#shared/notify/format';
import { notify, otherSide } from '#shared/notify/template';
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

/**
 * What the collaboration context tells people (delivered by the notifier, functions/platform/notifier.ts):
 * what one side did is news for the other; shared commitments concern both.
 */
export const collaborationNotifications = [
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
];
