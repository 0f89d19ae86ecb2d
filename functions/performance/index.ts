/**
 * The performance context's public module: what other contexts may use. Anything not exported here is the
 * context's own business (import this module as `#functions/performance/index`, never its files).
 */

// Use cases other contexts and the local seed call: SLAs end with their agreement or partner (retireSlas, in the
// transaction of the status change), metrics are reported and defined, scorecards computed for a check-in agenda.
export { activeSlasOf, createSla, getSla } from '#functions/performance/slas';
export { endPartnerMonitoring, retireSlas } from '#functions/performance/retire-slas';
export { ingestPoints } from '#functions/performance/ingest';
export { defineMetric, getMetric } from '#functions/performance/metrics';
export { computeScorecard, currentPeriod, getStoredScorecard } from '#functions/performance/scorecards';

/** A partner's metric per bucket between two instants (epoch ms), every resolution: one Query (a KPI's progress). */
export { readRollups } from '#functions/performance/rollups';

// The objects as the API and events show them, and the SLA terms an agreement carries.
export {
  MetricName,
  severities,
  Severity,
  SlaTerm,
  type FreshnessSla,
  type RatioSla,
  type ThresholdSla,
} from '#functions/performance/domain/sla';
export {
  SlaDefinitionSchema,
  slaStatuses,
  type SlaDefinition,
  type SlaStatus,
} from '#functions/performance/domain/sla-definition';
export { MetricDefinitionSchema, type MetricDefinition } from '#functions/performance/domain/metric';
export { ScorecardSchema, type Scorecard } from '#functions/performance/domain/scorecard-schema';
export type { Bucket, Rollups } from '#functions/performance/domain/windows';

// Stored objects: SLAs created on an agreement's activation, a partner's SLAs on offboarding, a KPI's metric
// checked against the catalog; and every entity for the data-layout table.
export {
  MetricDefinitionEntity,
  performanceEntities,
  SlaDefinitionEntity,
  slasOf,
} from '#functions/performance/entities';

// Events, policy and routes, for the catalog, the notifier and the API composition.
export * from '#functions/performance/events';
export { may as performancePolicy } from '#functions/performance/policy';
export { metricRoutes } from '#functions/performance/routes-metrics';
export { scorecardRoutes } from '#functions/performance/routes-scorecards';
/** The SLA routes with the alert routes the performance API serves. */
export { slaAlertRoutes } from '#functions/performance/routes-slas-alerts';
