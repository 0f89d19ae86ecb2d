/**
 * The partners context's public module: what other contexts may use. Anything not exported here is the context's
 * own business (import this module as `#functions/partners/index`, never its files).
 *
 * Order matters while partners and performance import each other (offboarding retires SLAs; performance reads
 * partners): the leaf modules (domain, entities, events) load first, so a performance module that reads
 * `PartnerParams` at load time finds it even when this module is still loading the use cases.
 */

// The objects as the API and events show them.
export {
  CreatePartnerInput,
  PartnerParams,
  PartnerSchema,
  partnerSnapshot,
  partnerStatuses,
  type Partner,
  type PartnerStatus,
} from '#functions/partners/domain/partner';
export { MemberSchema, memberSnapshot, type Member } from '#functions/partners/domain/member';

// Stored objects, for contexts that read a partner or its people directly (the notifier, the reminders job).
export {
  EmailClaimEntity,
  MemberEntity,
  membersOf,
  PartnerEntity,
  partnersEntities,
} from '#functions/partners/entities';

// Events, for the catalog, the notifier and the reminders job.
export * from '#functions/partners/events';

// Use cases other contexts and the local seed call.
export { changePartnerStatus, createPartner, getPartner } from '#functions/partners/partners';
export { addMember } from '#functions/partners/members';
export { endPartnershipWith, type PartnershipEnding } from '#functions/partners/partnership-end';
export {
  ONBOARDING_STALL_DAYS,
  processOnboardingReminders,
  type OnboardingSummary,
} from '#functions/partners/onboarding-reminders';

// Notifications, policy and routes, for the notifier and the API composition.
export { partnersNotifications } from '#functions/partners/notifications';
export { may as partnersPolicy } from '#functions/partners/policy';
export { partnerRoutes } from '#functions/partners/routes';
