/**
 * The alerts context's public module: what other contexts may use. Anything not exported here is the context's
 * own business (import this module as `#functions/alerts/index`, never its files).
 *
 * An alert is about a subject (an SLA, a partner's demand shift or cover, the network's cover at a location); the
 * checks that watch a subject decide with the state machine and write through the store's changes.
 */

// The state machine (pure) and what its decisions read and write.
export {
  acknowledgeAlert,
  alertKey,
  alertStatuses,
  decideAlert,
  decideSlaAlerts,
  defaultAlertPolicy,
  isOpen,
  type AlertDecision,
  type AlertEvaluation,
  type AlertPolicy,
  type AlertState,
  type AlertStatus,
  type KeyedDecision,
} from '#functions/alerts/domain/alerts';
export { severities, Severity } from '#functions/alerts/domain/severity';

// The alert as the API and events show it.
export { AlertSchema, type Alert, type AlertStatusFilter } from '#functions/alerts/domain/alert';

// Stored objects and their keys, for contexts that read alerts with their own queries (scorecards, the dashboard).
export {
  AlertEntity,
  alertKeyOf,
  alertsEntities,
  alertsOf,
  inboxPartition,
  OpenAlertEntity,
  openAlertsOf,
  subjectId,
  subjectMetric,
  type AlertSubject,
  type AlertSubjectRef,
  type OpenAlert,
  type StoredAlert,
} from '#functions/alerts/entities';

// The store: reading open alerts, and the changes an evaluation commits.
export {
  getAlert,
  listInbox,
  listPartnerAlerts,
  openAlertPages,
  openAlertsOfSubject,
  readOpenAlerts,
  readOpenAlertsOfPartner,
  type AlertFilter,
  type OpenAlerts,
} from '#functions/alerts/reads';
export {
  AlertRaceError,
  commitChange,
  raiseChange,
  resolveChange,
  resolveWrites,
  updateChange,
  counterChange,
  type AlertChange,
  type Raise,
  type Resolution,
} from '#functions/alerts/changes';
export { acknowledge, resolveManually } from '#functions/alerts/handling';

// Events, policy and routes, for the catalog, the notifier and the API composition (served by the performance API).
export * from '#functions/alerts/events';
export { may as alertsPolicy } from '#functions/alerts/policy';
export { alertRoutes } from '#functions/alerts/routes';
