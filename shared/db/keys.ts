/**
 * Every key shape of the table, and nowhere else. A key string built outside this file is a bug waiting.
 *
 * Layout (PK / SK):
 *   P#<partnerId>            / PARTNER                 the partner          GSI1 PARTNERS/<name>#<id>, GSI2 PARTNERS#<status>/<id>
 *   P#<partnerId>            / USER#<userId>           a person of the partner
 *   P#<partnerId>            / AUDIT#<auditId>         the partner's audit trail (GSI1 AUDIT/<auditId>: vendor-wide trail)
 *   VENDOR                   / AUDIT#<auditId>         audit entries of vendor-wide objects
 *   VENDOR                   / ALERT#<alertId>         program alerts (network cover; vendor only), ALERTKEY# pointers as for partners
 *   P#<partnerId>            / AGR#<agreementId>       an agreement         GSI1 AGREEMENTS/<id>; GSI2 AGREEMENTS#active/<expiresAt>#<partnerId>#<id> while active
 *   P#<partnerId>            / AGRV#<agreementId>#<n>  an immutable proposal (version n, zero-padded)
 *   P#<partnerId>            / SLA#<slaId>             an SLA definition    GSI2 SLAS#active/<partnerId>#<slaId> while active
 *   P#<partnerId>            / RISK#<riskId>           the shared risk register
 *   P#<partnerId>            / PLAN#<sessionId>        joint planning sessions
 *   M#<partnerId>#<metric>   / ID#<clientId>           a raw metric point sent with an id: the id's claim (TTL 400 days after its time)
 *   M#<partnerId>#<metric>   / P#<at>#<contentHash>    a raw metric point sent without an id (TTL 400 days after its time)
 *   M#<partnerId>#<metric>   / B#<start>#<resolution>  a rollup bucket (PT5M: TTL 1 day; PT1H and P1D kept)
 *   METRIC#<name>            / METRIC                  the metric catalog   GSI1 METRICS/<name>
 *   P#<partnerId>            / ALERT#<alertId>         an alert             GSI2 ALERTS#open/<alertId> while open, then ALERTS#resolved/<alertId>
 *   P#<partnerId>            / ALERTKEY#<slaId>#<sev>  the open alert of one dedup key (id + decision state), deleted on resolve
 *   PRODUCTS                 / <sku>                   the product catalog (small: one partition, one Query per page)
 *   INVENTORY                / <sku>#<location>        an inventory level (vendor-published, shared per level)
 *   F#<partnerId>#<sku>      / S#<M|W>#<period>        a sell-through record (a re-sent period replaces it)
 *   F#<partnerId>#<sku>      / SERIES#<granularity>    the series entry  GSI2 SUPPLY#SERIES/<partnerId>#<sku>#<g> once it has enough history
 *   F#<partnerId>#<sku>      / COMMIT                  the partner's current forecast commit (versioned, If-Match)
 *   F#<partnerId>#<sku>      / COMMITV#<n>             an immutable commit version (n zero-padded)
 *   F#<partnerId>#<sku>      / STAT#<g>#<origin>       the statistical forecast fitted on history up to <origin> (TTL 3 years)
 *   F#<partnerId>#<sku>      / CONS#<g>                the current consensus forecast
 *   DEMAND#<sku>             / <g>#<partnerId>         one partner's current demand for a SKU (summary, days of cover)
 *   P#<partnerId>            / DISC#<side>             a side's self-disclosure (versioned)  GSI2 DISCLOSURES#review/<reviewBy>#<partnerId>#<side>
 *   P#<partnerId>            / DISCV#<side>#<n>        an immutable disclosure version (n zero-padded)
 *   P#<partnerId>            / OBJ#<objectiveId>       a joint objective with its milestones  GSI2 MILESTONES#open/<earliest open due>#<partnerId>#<id>
 *   P#<partnerId>            / CHK#<checkInId>         a check-in / KPI review  GSI2 CHECKINS#upcoming/<startsAt>#<partnerId>#<id> until it starts
 *   P#<partnerId>            / DSP#<disputeId>         a dispute            GSI2 DISPUTES#awaiting/<responseDueAt>#<partnerId>#<id> while an answer is owed
 *   P#<partnerId>            / DSPM#<disputeId>#<id>   the dispute's exchange (messages, proposals, acceptance, escalation)
 *   P#<partnerId>            / FB#<feedbackId>         field feedback       GSI1 FEEDBACK/<id>, GSI2 FEEDBACK#<status>/<id> (vendor triage)
 *   FEEDBACK#<feedbackId>    / FEEDBACK                where a feedback item lives (its partner), for the vendor's /v1/feedback/{id} routes
 *   EMAIL#<email>            / EMAIL                   one person per e-mail address across the program
 *   OUTBOX#<eventId>         / OUTBOX                  transactional outbox (TTL)
 *   IDEM#<sub>               / <idempotency key>       idempotency records (TTL)
 *   EVT#<consumer>#<eventId> / EVT                     events a consumer has processed (TTL)
 *   ONCE#<job>#<subject>     / ONCE                    a reminder sent once per subject (TTL)
 */

export interface Key {
  PK: string;
  SK: string;
}

export const VENDOR_SCOPE = 'vendor';

/** The partition of a partner's items, or of the vendor's own (audit of catalog changes, program alerts). */
const scopePk = (scope: string): string => (scope === VENDOR_SCOPE ? 'VENDOR' : `P#${scope}`);

export const keys = {
  partner: (partnerId: string): Key => ({ PK: `P#${partnerId}`, SK: 'PARTNER' }),
  /** GSI1: every partner, ordered by name (case-insensitive), for the vendor's list. */
  partnersByName: (name: string, partnerId: string) => ({
    GSI1PK: 'PARTNERS',
    GSI1SK: `${name.toLocaleLowerCase('en')}#${partnerId}`,
  }),
  partnersByNamePartition: 'PARTNERS',
  /** GSI2: partners in one lifecycle status, e.g. the onboarding queue. */
  partnersByStatus: (status: string, partnerId: string) => ({
    GSI2PK: `PARTNERS#${status}`,
    GSI2SK: partnerId,
  }),
  partnersByStatusPartition: (status: string) => `PARTNERS#${status}`,

  member: (partnerId: string, userId: string): Key => ({ PK: `P#${partnerId}`, SK: `USER#${userId}` }),
  membersOf: (partnerId: string) => ({ PK: `P#${partnerId}`, skPrefix: 'USER#' }),
  email: (email: string): Key => ({ PK: `EMAIL#${email.toLowerCase()}`, SK: 'EMAIL' }),

  agreement: (partnerId: string, agreementId: string): Key => ({ PK: `P#${partnerId}`, SK: `AGR#${agreementId}` }),
  agreementsOf: (partnerId: string) => ({ PK: `P#${partnerId}`, skPrefix: 'AGR#' }),
  agreementVersion: (partnerId: string, agreementId: string, n: number): Key => ({
    PK: `P#${partnerId}`,
    SK: `AGRV#${agreementId}#${String(n).padStart(4, '0')}`,
  }),
  versionsOf: (partnerId: string, agreementId: string) => ({ PK: `P#${partnerId}`, skPrefix: `AGRV#${agreementId}#` }),
  /** GSI2: active agreements by end date, for expiry reminders. */
  activeAgreementByExpiry: (expiresAt: string, partnerId: string, agreementId: string) => ({
    GSI2PK: 'AGREEMENTS#active',
    GSI2SK: `${expiresAt}#${partnerId}#${agreementId}`,
  }),
  activeAgreementsPartition: 'AGREEMENTS#active',
  /** GSI1: every agreement of the program, newest first (ULID), for the vendor's list across partners. */
  agreementsByNewest: (agreementId: string) => ({ GSI1PK: 'AGREEMENTS', GSI1SK: agreementId }),
  agreementsPartition: 'AGREEMENTS',

  sla: (partnerId: string, slaId: string): Key => ({ PK: `P#${partnerId}`, SK: `SLA#${slaId}` }),
  slasOf: (partnerId: string) => ({ PK: `P#${partnerId}`, skPrefix: 'SLA#' }),
  /** GSI2: every active SLA, for the monitor. */
  activeSla: (partnerId: string, slaId: string) => ({ GSI2PK: 'SLAS#active', GSI2SK: `${partnerId}#${slaId}` }),
  activeSlasPartition: 'SLAS#active',

  risk: (partnerId: string, riskId: string): Key => ({ PK: `P#${partnerId}`, SK: `RISK#${riskId}` }),
  risksOf: (partnerId: string) => ({ PK: `P#${partnerId}`, skPrefix: 'RISK#' }),
  planningSession: (partnerId: string, sessionId: string): Key => ({ PK: `P#${partnerId}`, SK: `PLAN#${sessionId}` }),
  planningSessionsOf: (partnerId: string) => ({ PK: `P#${partnerId}`, skPrefix: 'PLAN#' }),

  /** One partner's metric: raw points and rollup buckets, its own partition (high volume). */
  metricSeries: (partnerId: string, metric: string) => `M#${partnerId}#${metric}`,
  /** The client's id alone names the point within the partner's metric: a retry with another time is the same point. */
  metricPointById: (partnerId: string, metric: string, clientId: string): Key => ({
    PK: `M#${partnerId}#${metric}`,
    SK: `ID#${clientId}`,
  }),
  /** A point without an id is named by its time and a hash of its content. */
  metricPointByContent: (partnerId: string, metric: string, at: string, contentHash: string): Key => ({
    PK: `M#${partnerId}#${metric}`,
    SK: `P#${at}#${contentHash}`,
  }),
  /** Buckets sort by start time first, so one Query over a time range returns every resolution in it. */
  rollup: (partnerId: string, metric: string, resolution: string, start: string): Key => ({
    PK: `M#${partnerId}#${metric}`,
    SK: `B#${start}#${resolution}`,
  }),
  rollupRange: (from: string, to: string): [string, string] => [`B#${from}`, `B#${to}~`],
  metricDefinition: (name: string): Key => ({ PK: `METRIC#${name}`, SK: 'METRIC' }),
  metricsByName: (name: string) => ({ GSI1PK: 'METRICS', GSI1SK: name }),
  metricsPartition: 'METRICS',

  /**
   * Alerts: one item per alert (a breach after resolve is a new alert), newest first by ULID, in the partner's
   * partition; program alerts that concern no single partner (network cover) in the vendor's (`VENDOR_SCOPE`).
   */
  alert: (scope: string, alertId: string): Key => ({ PK: scopePk(scope), SK: `ALERT#${alertId}` }),
  alertsOf: (scope: string) => ({ PK: scopePk(scope), skPrefix: 'ALERT#' }),
  /**
   * The open alert of one dedup key (partner:metric:sla:severity; the metric is fixed per SLA, so the SLA id
   * stands for it). Put if absent on raise, deleted on resolve, in the alert's own transaction: at most one open
   * alert per key. Its prefix is not `ALERT#`, so alert lists never see it.
   */
  openAlert: (scope: string, slaId: string, severity: string): Key => ({
    PK: scopePk(scope),
    SK: `ALERTKEY#${slaId}#${severity}`,
  }),
  openAlertsOf: (scope: string, slaId?: string) => ({
    PK: scopePk(scope),
    skPrefix: slaId ? `ALERTKEY#${slaId}#` : 'ALERTKEY#',
  }),
  /** GSI2: the vendor's inbox. Open alerts (small, hot) and resolved ones (history) in separate partitions. */
  alertsByLifecycle: (lifecycle: 'open' | 'resolved', alertId: string) => ({
    GSI2PK: `ALERTS#${lifecycle}`,
    GSI2SK: alertId,
  }),
  alertsPartition: (lifecycle: 'open' | 'resolved') => `ALERTS#${lifecycle}`,

  audit: (scope: string, auditId: string) => ({
    PK: scopePk(scope),
    SK: `AUDIT#${auditId}`,
    GSI1PK: 'AUDIT',
    GSI1SK: auditId,
  }),
  auditOf: (scope: string) => ({ PK: scopePk(scope), skPrefix: 'AUDIT#' }),
  auditPartition: 'AUDIT',

  outbox: (eventId: string): Key => ({ PK: `OUTBOX#${eventId}`, SK: 'OUTBOX' }),
  idempotency: (sub: string, key: string): Key => ({ PK: `IDEM#${sub}`, SK: key }),
  processedEvent: (consumer: string, eventId: string): Key => ({ PK: `EVT#${consumer}#${eventId}`, SK: 'EVT' }),
  once: (job: string, subject: string): Key => ({ PK: `ONCE#${job}#${subject}`, SK: 'ONCE' }),
  /** A stored monthly scorecard; GSI1 ranks a month's partners by health, worst first. */
  scorecard: (partnerId: string, period: string): Key => ({ PK: `P#${partnerId}`, SK: `SCORE#${period}` }),
  scorecardsByHealth: (period: string, score: number | undefined, partnerId: string) => ({
    GSI1PK: `SCORECARDS#${period}`,
    // No score sorts after every score: partners without data are not "worst".
    GSI1SK: `${score === undefined ? 'N' : String(score).padStart(3, '0')}#${partnerId}`,
  }),
  scorecardsPartition: (period: string) => `SCORECARDS#${period}`,
  /** GSI1 sort-key condition for a month's scorecards with a score in [min, max], or with none (`undefined`). */
  scorecardsScoreRange: (scores: readonly [number, number] | undefined) =>
    scores
      ? {
          between: [`${String(scores[0]).padStart(3, '0')}#`, `${String(scores[1]).padStart(3, '0')}#\uffff`] as [
            string,
            string,
          ],
        }
      : { beginsWith: 'N#' },
  // ------------------------------------------------------------------------------------------ supply
  product: (sku: string): Key => ({ PK: 'PRODUCTS', SK: sku }),
  productsPartition: 'PRODUCTS',
  inventoryLevel: (sku: string, location: string): Key => ({ PK: 'INVENTORY', SK: `${sku}#${location}` }),
  inventoryPartition: 'INVENTORY',
  /** Levels of one SKU (every location), or all levels. */
  inventoryPrefix: (sku?: string) => (sku ? `${sku}#` : ''),
  /** One partner x SKU demand series: sales, commits, statistical and consensus forecasts (high volume). */
  demandSeries: (partnerId: string, sku: string) => `F#${partnerId}#${sku}`,
  salesRecord: (partnerId: string, sku: string, granularity: 'week' | 'month', period: string): Key => ({
    PK: `F#${partnerId}#${sku}`,
    SK: `S#${granularity === 'week' ? 'W' : 'M'}#${period}`,
  }),
  salesOf: (partnerId: string, sku: string, granularity: 'week' | 'month') => ({
    PK: `F#${partnerId}#${sku}`,
    skPrefix: `S#${granularity === 'week' ? 'W' : 'M'}#`,
  }),
  salesRange: (granularity: 'week' | 'month', from: string, to: string): [string, string] => {
    const g = granularity === 'week' ? 'W' : 'M';
    return [`S#${g}#${from}`, `S#${g}#${to}`];
  },
  seriesEntry: (partnerId: string, sku: string, granularity: 'week' | 'month'): Key => ({
    PK: `F#${partnerId}#${sku}`,
    SK: `SERIES#${granularity}`,
  }),
  /** GSI2: every series with enough history to forecast, for the forecast job's planner. */
  forecastableSeries: (partnerId: string, sku: string, granularity: 'week' | 'month') => ({
    GSI2PK: 'SUPPLY#SERIES',
    GSI2SK: `${partnerId}#${sku}#${granularity}`,
  }),
  forecastableSeriesPartition: 'SUPPLY#SERIES',
  commitHead: (partnerId: string, sku: string): Key => ({ PK: `F#${partnerId}#${sku}`, SK: 'COMMIT' }),
  commitVersion: (partnerId: string, sku: string, n: number): Key => ({
    PK: `F#${partnerId}#${sku}`,
    SK: `COMMITV#${String(n).padStart(6, '0')}`,
  }),
  commitVersionsOf: (partnerId: string, sku: string) => ({ PK: `F#${partnerId}#${sku}`, skPrefix: 'COMMITV#' }),
  statForecast: (partnerId: string, sku: string, granularity: 'week' | 'month', origin: string): Key => ({
    PK: `F#${partnerId}#${sku}`,
    SK: `STAT#${granularity}#${origin}`,
  }),
  statForecastsOf: (partnerId: string, sku: string, granularity: 'week' | 'month') => ({
    PK: `F#${partnerId}#${sku}`,
    skPrefix: `STAT#${granularity}#`,
  }),
  consensusForecast: (partnerId: string, sku: string, granularity: 'week' | 'month'): Key => ({
    PK: `F#${partnerId}#${sku}`,
    SK: `CONS#${granularity}`,
  }),
  /** One partner's current demand for a SKU: what the summary adds up and days of cover divide by. */
  skuDemand: (sku: string, granularity: 'week' | 'month', partnerId: string): Key => ({
    PK: `DEMAND#${sku}`,
    SK: `${granularity}#${partnerId}`,
  }),
  skuDemandOf: (sku: string, granularity: 'week' | 'month') => ({ PK: `DEMAND#${sku}`, skPrefix: `${granularity}#` }),
  /** Every partner's demand for a SKU, both granularities. */
  skuDemandPartition: (sku: string) => `DEMAND#${sku}`,
  /**
   * Supply alerts reuse the alert store: their subject takes the SLA id's place in the alert and open-alert
   * pointer keys (`ALERTKEY#<subject>#<severity>`), so at most one is open per partner:sku:demand-shift and per
   * partner:sku:location:cover. SKUs and locations never contain `#` or `~`.
   */
  demandShiftSubject: (sku: string, granularity: 'week' | 'month') => `demand-shift~${sku}~${granularity}`,
  coverSubject: (sku: string, location: string) => `cover~${sku}~${location}`,
  /** The vendor's alert on a location's stock against the demand of every partner it serves. */
  networkCoverSubject: (sku: string, location: string) => `network-cover~${sku}~${location}`,
  // ------------------------------------------------------------------------------------------ collaboration
  disclosure: (partnerId: string, side: string): Key => ({ PK: `P#${partnerId}`, SK: `DISC#${side}` }),
  disclosureVersion: (partnerId: string, side: string, n: number): Key => ({
    PK: `P#${partnerId}`,
    SK: `DISCV#${side}#${String(n).padStart(6, '0')}`,
  }),
  disclosureVersionsOf: (partnerId: string, side: string) => ({ PK: `P#${partnerId}`, skPrefix: `DISCV#${side}#` }),
  /** GSI2: disclosures by their earliest review date, for the stale-item reminder. */
  disclosureReview: (reviewBy: string, partnerId: string, side: string) => ({
    GSI2PK: 'DISCLOSURES#review',
    GSI2SK: `${reviewBy}#${partnerId}#${side}`,
  }),
  disclosureReviewPartition: 'DISCLOSURES#review',
  objective: (partnerId: string, objectiveId: string): Key => ({ PK: `P#${partnerId}`, SK: `OBJ#${objectiveId}` }),
  objectivesOf: (partnerId: string) => ({ PK: `P#${partnerId}`, skPrefix: 'OBJ#' }),
  /** GSI2: objectives with a milestone not done, by the earliest such due date, for the overdue reminder. */
  openMilestones: (due: string, partnerId: string, objectiveId: string) => ({
    GSI2PK: 'MILESTONES#open',
    GSI2SK: `${due}#${partnerId}#${objectiveId}`,
  }),
  openMilestonesPartition: 'MILESTONES#open',
  checkIn: (partnerId: string, checkInId: string): Key => ({ PK: `P#${partnerId}`, SK: `CHK#${checkInId}` }),
  checkInsOf: (partnerId: string) => ({ PK: `P#${partnerId}`, skPrefix: 'CHK#' }),
  /** GSI2: scheduled check-ins by start until they start: the 24-hour notice and the next occurrence. */
  upcomingCheckIn: (startsAt: string, partnerId: string, checkInId: string) => ({
    GSI2PK: 'CHECKINS#upcoming',
    GSI2SK: `${startsAt}#${partnerId}#${checkInId}`,
  }),
  upcomingCheckInsPartition: 'CHECKINS#upcoming',
  dispute: (partnerId: string, disputeId: string): Key => ({ PK: `P#${partnerId}`, SK: `DSP#${disputeId}` }),
  disputesOf: (partnerId: string) => ({ PK: `P#${partnerId}`, skPrefix: 'DSP#' }),
  disputeMessage: (partnerId: string, disputeId: string, messageId: string): Key => ({
    PK: `P#${partnerId}`,
    SK: `DSPM#${disputeId}#${messageId}`,
  }),
  disputeMessagesOf: (partnerId: string, disputeId: string) => ({
    PK: `P#${partnerId}`,
    skPrefix: `DSPM#${disputeId}#`,
  }),
  /** GSI2: disputes whose other side owes an answer, by when: the response-SLA escalation. */
  awaitingDispute: (responseDueAt: string, partnerId: string, disputeId: string) => ({
    GSI2PK: 'DISPUTES#awaiting',
    GSI2SK: `${responseDueAt}#${partnerId}#${disputeId}`,
  }),
  awaitingDisputesPartition: 'DISPUTES#awaiting',
  feedback: (partnerId: string, feedbackId: string): Key => ({ PK: `P#${partnerId}`, SK: `FB#${feedbackId}` }),
  feedbackOf: (partnerId: string) => ({ PK: `P#${partnerId}`, skPrefix: 'FB#' }),
  /** Where a feedback item lives: the vendor's routes name only its id. */
  feedbackLocator: (feedbackId: string): Key => ({ PK: `FEEDBACK#${feedbackId}`, SK: 'FEEDBACK' }),
  /** GSI1: all feedback, newest first; GSI2: feedback in one status (the triage queue). */
  feedbackAll: (feedbackId: string) => ({ GSI1PK: 'FEEDBACK', GSI1SK: feedbackId }),
  feedbackAllPartition: 'FEEDBACK',
  feedbackByStatus: (status: string, feedbackId: string) => ({ GSI2PK: `FEEDBACK#${status}`, GSI2SK: feedbackId }),
  feedbackByStatusPartition: (status: string) => `FEEDBACK#${status}`,
  /** Read by the health check: proves the table answers. */
  health: { PK: 'HEALTH', SK: 'HEALTH' },
} as const;

/** Attributes that are storage detail, never part of an entity returned by the API. */
export const storageAttributes = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'type', 'ttl'] as const;
