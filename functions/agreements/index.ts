/**
 * The agreements context's public module: what other contexts may use. Anything not exported here is the context's
 * own business (import this module as `#functions/agreements/index`, never its files).
 */

// Use cases other contexts, the reminders job and the local seed call.
export { createAgreement, propose } from '#functions/agreements/agreements';
export { sign } from '#functions/agreements/signing';
export { raiseRisk } from '#functions/agreements/risks';
export { recordPlanningSession } from '#functions/agreements/planning';
export { EXPIRY_NOTICES, processAgreementExpiry, type ExpirySummary } from '#functions/agreements/expiry';

// The objects as the API and events show them, and who speaks for which side.
export {
  AgreementSchema,
  otherSide,
  sideOf,
  type Agreement,
  type AgreementStatus,
  type Side,
} from '#functions/agreements/domain/agreement';
export type { Terms } from '#functions/agreements/domain/terms';

// Stored objects, for the data-layout table; an agreement's key, for a link to it checked in a transaction.
export { AgreementEntity, agreementsEntities } from '#functions/agreements/entities';

// Events, notifications, policy and routes, for the catalog, the notifier and the API composition.
export * from '#functions/agreements/events';
export { agreementsNotifications } from '#functions/agreements/notifications';
export { may as agreementsPolicy } from '#functions/agreements/policy';
export { agreementsApiRoutes } from '#functions/agreements/routes';
