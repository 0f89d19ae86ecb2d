/**
 * The collaboration context's public module: what other contexts may use. Anything not exported here is the
 * context's own business (import this module as `#functions/collaboration/index`, never its files).
 *
 * Disclosures, joint objectives and their milestones, check-ins, disputes and field feedback: what the two sides
 * of a partnership tell and ask each other.
 */

// Use cases the local seed calls, and the collaboration part of the hourly reminders job.
export { putDisclosure } from '#functions/collaboration/disclosures';
export { createObjective } from '#functions/collaboration/objectives';
export { scheduleCheckIn } from '#functions/collaboration/check-ins';
export { raiseDispute } from '#functions/collaboration/disputes';
export { submitFeedback } from '#functions/collaboration/feedback';
export { processCollaborationReminders, type CollaborationSummary } from '#functions/collaboration/jobs';

// The objects as the API and events show them.
export { DisclosureSchema, type Disclosure } from '#functions/collaboration/domain/disclosure';
export { ObjectiveSchema, type Milestone, type Objective } from '#functions/collaboration/domain/objective';
export { CheckInSchema, type CheckIn } from '#functions/collaboration/domain/check-in';
export { DisputeMessageSchema, DisputeSchema, type Dispute } from '#functions/collaboration/domain/dispute';
export { FeedbackSchema, type Feedback } from '#functions/collaboration/domain/feedback';

// Stored objects, for the data-layout table; an objective's key, for a link to it checked in a transaction.
export { collaborationEntities, ObjectiveEntity } from '#functions/collaboration/entities';

// Events, notifications, policy and routes, for the catalog, the notifier and the API composition.
export * from '#functions/collaboration/events';
export { collaborationNotifications } from '#functions/collaboration/notifications';
export { may as collaborationPolicy } from '#functions/collaboration/policy';
export { collaborationRoutes } from '#functions/collaboration/routes';
