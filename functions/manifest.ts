/**
 * Every function of Accord as plain data: where its code is, what triggers it and what it may touch.
 * The CDK stack and the local runtime both iterate this list; test/unit/manifest.test.ts checks that every
 * route listed here has a handler and every handler's route is listed here.
 */

import { notifierSubscriptions } from '#functions/platform/notifications/templates';
import { dailyAt, every, hourlyAt, type Schedule } from '#shared/schedule';

import type { RouteKey } from '#shared/http/route';

export type { HttpMethod, RouteKey } from '#shared/http/route';

export interface Access {
  /** DynamoDB table: read-only or read/write (least privilege per function). */
  table?: 'read' | 'readWrite';
  /** Reads the table's stream (the outbox relay). */
  tableStream?: boolean;
  /** PutEvents on the Accord bus. */
  bus?: boolean;
  /** Creates, updates and disables users in the Cognito user pool. */
  userPool?: boolean;
  /** Reads the secret that signs list cursors. */
  cursorSecret?: boolean;
  /** Reads and writes large documents (agreement clauses) in the asset bucket. */
  documents?: boolean;
  /** Sends work to these queues (manifest `queue` functions). */
  sendsTo?: string[];
  /** Sends e-mail (SES) and publishes to the integrations topic (SNS). */
  notifications?: boolean;
}

interface Base {
  /** Short, stable, kebab-case: becomes part of the Lambda function name and the local log prefix. */
  name: string;
  /** Source file exporting `handler`, relative to the project root. */
  entry: string;
  description: string;
  access: Access;
  memoryMb?: number;
  timeoutSeconds?: number;
}

export interface HttpFunction extends Base {
  trigger: 'http';
  routes: RouteKey[];
  /** Routes that skip the JWT authorizer (health only). */
  publicRoutes?: RouteKey[];
}

/**
 * A job. Its `schedule` (EventBridge Scheduler, read by CDK) and `localCron` (croner, read by the local runtime)
 * are one value: spread a helper of shared/schedule.ts (`...every(5, 'minutes')`, `...dailyAt('00:30')`).
 */
export interface ScheduledFunction extends Base, Schedule {
  trigger: 'schedule';
  /** Job name for `npm run job -- <job>`. */
  job: string;
}

export interface EventFunction extends Base {
  trigger: 'event';
  /** EventBridge rule pattern: sources and detail types this consumer receives. */
  events: { source: string; detailTypes: string[] }[];
}

export interface StreamFunction extends Base {
  trigger: 'table-stream';
}

/**
 * A worker fed by a queue that a planner fills (SQS in AWS; in process locally). Used when a job's work would
 * not fit one run: the planner pages through the work and sends batches; workers are idempotent.
 */
export interface QueueFunction extends Base {
  trigger: 'queue';
  /** The queue's short name; planners name it in `access.sendsTo`. */
  queue: string;
  /** Messages handed to one invocation. */
  batchSize: number;
}

export type FunctionSpec = HttpFunction | ScheduledFunction | EventFunction | StreamFunction | QueueFunction;

export const functions: FunctionSpec[] = [
  {
    name: 'platform-api',
    entry: 'functions/platform/api.ts',
    description: 'Health, the caller identity and the audit trail',
    trigger: 'http',
    routes: ['GET /v1/health', 'GET /v1/me', 'GET /v1/audit'],
    publicRoutes: ['GET /v1/health'],
    access: { table: 'read', cursorSecret: true },
  },
  {
    name: 'api-docs',
    entry: 'functions/platform/api-docs.ts',
    description: 'The OpenAPI 3.1 document, generated from every route’s schemas',
    trigger: 'http',
    routes: ['GET /v1/openapi.json'],
    publicRoutes: ['GET /v1/openapi.json'],
    access: {},
    memoryMb: 512,
  },
  {
    name: 'partners-api',
    entry: 'functions/partners/api.ts',
    description: 'Partners, their lifecycle and their people',
    trigger: 'http',
    routes: [
      'GET /v1/partners',
      'POST /v1/partners',
      'GET /v1/partners/{partnerId}',
      'PATCH /v1/partners/{partnerId}',
      'POST /v1/partners/{partnerId}/status',
      'GET /v1/partners/{partnerId}/users',
      'POST /v1/partners/{partnerId}/users',
      'GET /v1/partners/{partnerId}/users/{userId}',
      'PATCH /v1/partners/{partnerId}/users/{userId}',
      'DELETE /v1/partners/{partnerId}/users/{userId}',
    ],
    access: { table: 'readWrite', cursorSecret: true },
  },
  {
    name: 'agreements-api',
    entry: 'functions/agreements/api.ts',
    description: 'Agreements and their negotiation, signatures, the shared risk register and joint planning',
    trigger: 'http',
    routes: [
      'GET /v1/agreements',
      'GET /v1/partners/{partnerId}/agreements',
      'POST /v1/partners/{partnerId}/agreements',
      'GET /v1/partners/{partnerId}/agreements/{agreementId}',
      'POST /v1/partners/{partnerId}/agreements/{agreementId}/proposals',
      'GET /v1/partners/{partnerId}/agreements/{agreementId}/versions',
      'GET /v1/partners/{partnerId}/agreements/{agreementId}/versions/{n}',
      'GET /v1/partners/{partnerId}/agreements/{agreementId}/versions/{n}/diff',
      'POST /v1/partners/{partnerId}/agreements/{agreementId}/signatures',
      'POST /v1/partners/{partnerId}/agreements/{agreementId}/terminate',
      'GET /v1/partners/{partnerId}/risks',
      'POST /v1/partners/{partnerId}/risks',
      'GET /v1/partners/{partnerId}/risks/{riskId}',
      'PATCH /v1/partners/{partnerId}/risks/{riskId}',
      'GET /v1/partners/{partnerId}/planning-sessions',
      'POST /v1/partners/{partnerId}/planning-sessions',
      'GET /v1/partners/{partnerId}/planning-sessions/{sessionId}',
    ],
    access: { table: 'readWrite', cursorSecret: true, documents: true },
  },
  {
    name: 'performance-api',
    entry: 'functions/performance/api.ts',
    description:
      'Metric ingestion and series, the metric catalog, SLA definitions, alerts, scorecards and the dashboard',
    trigger: 'http',
    routes: [
      'POST /v1/partners/{partnerId}/metrics',
      'GET /v1/partners/{partnerId}/metrics/{metric}',
      'GET /v1/metrics',
      'GET /v1/metrics/{metric}',
      'POST /v1/metrics',
      'GET /v1/partners/{partnerId}/slas',
      'POST /v1/partners/{partnerId}/slas',
      'GET /v1/partners/{partnerId}/slas/{slaId}',
      'PATCH /v1/partners/{partnerId}/slas/{slaId}',
      'GET /v1/alerts',
      'GET /v1/alerts/{alertId}',
      'POST /v1/alerts/{alertId}/acknowledge',
      'POST /v1/alerts/{alertId}/resolve',
      'GET /v1/partners/{partnerId}/alerts',
      'GET /v1/partners/{partnerId}/alerts/{alertId}',
      'POST /v1/partners/{partnerId}/alerts/{alertId}/acknowledge',
      'POST /v1/partners/{partnerId}/alerts/{alertId}/resolve',
      'GET /v1/partners/{partnerId}/scorecard',
      'GET /v1/dashboard',
      'GET /v1/scorecards',
    ],
    access: { table: 'readWrite', cursorSecret: true },
  },
  {
    name: 'supply-api',
    entry: 'functions/supply/api.ts',
    description: 'Products, inventory levels, sell-through, partner forecast commits, forecasts and the demand summary',
    trigger: 'http',
    routes: [
      'GET /v1/products',
      'GET /v1/products/{sku}',
      'PATCH /v1/products/{sku}',
      'POST /v1/products',
      'GET /v1/inventory/{sku}/{location}',
      'PUT /v1/inventory/{sku}/{location}',
      'GET /v1/inventory',
      'POST /v1/partners/{partnerId}/sales',
      'GET /v1/partners/{partnerId}/sales/{sku}',
      'PUT /v1/partners/{partnerId}/forecasts/{sku}',
      'GET /v1/partners/{partnerId}/forecasts/{sku}',
      'GET /v1/forecasts/summary',
    ],
    access: { table: 'readWrite', cursorSecret: true },
  },
  {
    name: 'collaboration-api',
    entry: 'functions/collaboration/api.ts',
    description:
      'Self-disclosure profiles, joint objectives and roadmap, check-ins and KPI reviews, disputes, field feedback',
    trigger: 'http',
    routes: [
      'GET /v1/partners/{partnerId}/disclosures/{side}',
      'PUT /v1/partners/{partnerId}/disclosures/{side}',
      'GET /v1/partners/{partnerId}/disclosures/{side}/history',
      'GET /v1/partners/{partnerId}/objectives',
      'POST /v1/partners/{partnerId}/objectives',
      'GET /v1/partners/{partnerId}/objectives/{objectiveId}',
      'PATCH /v1/partners/{partnerId}/objectives/{objectiveId}',
      'POST /v1/partners/{partnerId}/objectives/{objectiveId}/milestones/{milestoneId}/status',
      'GET /v1/partners/{partnerId}/roadmap',
      'GET /v1/partners/{partnerId}/check-ins',
      'POST /v1/partners/{partnerId}/check-ins',
      // `{checkInId}.ics` arrives here too: a path variable must be a whole segment in API Gateway.
      'GET /v1/partners/{partnerId}/check-ins/{checkInId}',
      'PATCH /v1/partners/{partnerId}/check-ins/{checkInId}',
      'GET /v1/partners/{partnerId}/disputes',
      'POST /v1/partners/{partnerId}/disputes',
      'GET /v1/partners/{partnerId}/disputes/{disputeId}',
      'GET /v1/partners/{partnerId}/disputes/{disputeId}/messages',
      'POST /v1/partners/{partnerId}/disputes/{disputeId}/messages',
      'POST /v1/partners/{partnerId}/disputes/{disputeId}/proposals',
      'POST /v1/partners/{partnerId}/disputes/{disputeId}/accept',
      'POST /v1/partners/{partnerId}/feedback',
      'GET /v1/partners/{partnerId}/feedback',
      'GET /v1/partners/{partnerId}/feedback/{feedbackId}',
      'GET /v1/feedback',
      'POST /v1/feedback/{feedbackId}/status',
    ],
    access: { table: 'readWrite', cursorSecret: true },
  },
  {
    name: 'outbox-relay',
    entry: 'functions/platform/outbox-relay.ts',
    description: 'Publishes outbox items from the table stream to the event bus',
    trigger: 'table-stream',
    access: { tableStream: true, bus: true },
  },
  {
    name: 'notifier',
    entry: 'functions/platform/notifier.ts',
    description: 'Tells people what happened to their partnerships: e-mail (SES) and the integrations topic (SNS)',
    trigger: 'event',
    // Exactly the events that have a template (functions/<context>/notifications.ts): a new template subscribes.
    events: notifierSubscriptions(),
    access: { table: 'readWrite', notifications: true },
  },
  {
    name: 'identity-sync',
    entry: 'functions/partners/identity-sync.ts',
    description: 'Mirrors partner people into the user pool (create, role change, disable)',
    trigger: 'event',
    events: [
      {
        source: 'accord.partners',
        detailTypes: ['PartnerUserAdded', 'PartnerUserUpdated', 'PartnerUserRemoved', 'PartnerStatusChanged'],
      },
    ],
    access: { table: 'readWrite', userPool: true },
  },
  {
    name: 'sla-evaluator',
    entry: 'functions/performance/evaluate-on-ingest.ts',
    description: 'Evaluates the SLAs a metric batch touched, seconds after it was accepted',
    trigger: 'event',
    events: [{ source: 'accord.performance', detailTypes: ['MetricsIngested'] }],
    access: { table: 'readWrite' },
  },
  {
    name: 'sla-monitor',
    entry: 'functions/performance/sla-monitor.ts',
    description: 'Every 5 minutes: plans the evaluation of every active SLA and sends it to the workers in batches',
    trigger: 'schedule',
    job: 'sla-monitor',
    ...every(5, 'minutes'),
    access: { table: 'read', sendsTo: ['sla-evaluations'] },
    timeoutSeconds: 300,
  },
  {
    name: 'sla-monitor-worker',
    entry: 'functions/performance/sla-worker.ts',
    description: 'Evaluates one batch of SLAs: raises, updates, re-notifies and resolves alerts; flags missing data',
    trigger: 'queue',
    queue: 'sla-evaluations',
    batchSize: 1,
    access: { table: 'readWrite' },
    timeoutSeconds: 120,
  },
  {
    name: 'scorecards',
    entry: 'functions/performance/scorecard-job.ts',
    description: 'Daily: stores every live partner’s monthly scorecard for the dashboard',
    trigger: 'schedule',
    job: 'scorecards',
    ...dailyAt('00:30'),
    access: { table: 'readWrite' },
    timeoutSeconds: 600,
  },
  {
    name: 'cover-check',
    entry: 'functions/supply/cover-job.ts',
    description:
      'Hourly: days of cover of each inventory level at each served partner’s demand and at the network’s; cover alerts below lead time',
    trigger: 'schedule',
    job: 'cover-check',
    ...hourlyAt(20),
    access: { table: 'readWrite' },
    timeoutSeconds: 300,
  },
  {
    name: 'forecast',
    entry: 'functions/supply/forecast-job.ts',
    description:
      'Daily: plans the forecast of every partner x SKU series with enough history and sends it to the workers in batches',
    trigger: 'schedule',
    job: 'forecast',
    ...dailyAt('02:00'),
    access: { table: 'read', sendsTo: ['forecast-series'] },
    timeoutSeconds: 300,
  },
  {
    name: 'forecast-worker',
    entry: 'functions/supply/forecast-worker.ts',
    description: 'Forecasts one batch of series: statistical forecast, consensus, demand-shift alerts',
    trigger: 'queue',
    queue: 'forecast-series',
    batchSize: 1,
    access: { table: 'readWrite' },
    memoryMb: 1024,
    timeoutSeconds: 300,
  },
  {
    name: 'reminders',
    entry: 'functions/platform/reminders.ts',
    description:
      'Hourly reminders: stalled onboarding, agreements expiring and ending, overdue milestones, check-ins, dispute escalation',
    trigger: 'schedule',
    job: 'reminders',
    ...every(1, 'hour'),
    access: { table: 'readWrite' },
    timeoutSeconds: 300,
  },
];

export const httpFunctions = (): HttpFunction[] => functions.filter((f): f is HttpFunction => f.trigger === 'http');
export const scheduledFunctions = (): ScheduledFunction[] =>
  functions.filter((f): f is ScheduledFunction => f.trigger === 'schedule');
export const eventFunctions = (): EventFunction[] => functions.filter((f): f is EventFunction => f.trigger === 'event');
export const streamFunctions = (): StreamFunction[] =>
  functions.filter((f): f is StreamFunction => f.trigger === 'table-stream');
export const queueFunctions = (): QueueFunction[] => functions.filter((f): f is QueueFunction => f.trigger === 'queue');
