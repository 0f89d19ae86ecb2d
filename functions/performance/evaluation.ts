import { nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { getItems, toEntity } from '#shared/db/repository';
import { evaluateSla, lookbackMs, type Evaluation } from '#functions/performance/domain/evaluate';
import { severities, type Severity } from '#functions/performance/domain/sla';
import type { SlaDefinition } from '#functions/performance/domain/sla-definition';
import { SlaDefinitionEntity } from '#functions/performance/entities';
import { resolutionMs } from '#functions/performance/domain/windows';
import { NotFoundError, PreconditionFailedError } from '#shared/errors';
import { logger } from '#shared/log';
import {
  AlertRaceError,
  commitChange,
  counterChange,
  decideSlaAlerts,
  OpenAlertEntity,
  raiseChange,
  readOpenAlerts,
  resolveChange,
  updateChange,
  type AlertState,
  type AlertSubject,
  type KeyedDecision,
  type OpenAlert,
  type OpenAlerts,
} from '#functions/alerts/index';
import { FIVE_MINUTE_RETENTION_MS, readRollups } from '#functions/performance/rollups';
import { forEachLimited } from '#shared/concurrency';

/**
 * One SLA evaluation, the same for the scheduled monitor and the on-ingest evaluator:
 * read the rollups over the SLA's longest window (one Query), evaluate (pure), decide per dedup key (pure),
 * apply each decision as one conditional transaction. Reads: that Query plus the SLA's open alerts, which the
 * callers usually hand in (the worker's BatchGetItem, the consumer's one Query per partner).
 *
 * Concurrent or repeated evaluations (monitor and on-ingest at once, a redelivered batch, a re-run after a
 * crash) are safe: a raise puts the dedup key's pointer only if absent, every other change is conditioned on
 * the alert's version. The loser of a race re-reads the open alerts and decides again from what the winner
 * wrote, so it never raises a second alert or sends a second notification for the same decision.
 */

const MINUTE = 60_000;
/** Re-reads after losing a race, per evaluation. */
const MAX_ATTEMPTS = 4;
/**
 * "Still breaching" updates that change nothing but lastSeen/occurrences/measured are written at most this
 * often per alert. On-ingest evaluation runs on every metric batch; without this a partner reporting every few
 * seconds would write an alert update and an audit entry every few seconds while the alert is open. Anything
 * that matters (a cleared recovery, a new rule or window, a re-notification) is written at once.
 */
export const UPDATE_EVERY_MS = 4 * MINUTE;

export interface EvaluationSummary {
  evaluated: number;
  /** Not active, or effective in the future. */
  skipped: number;
  raised: number;
  updated: number;
  renotified: number;
  /** Healthy again; resolves after the keep-firing window. */
  recovering: number;
  resolved: number;
  /** threshold/ratio SLAs with no data in their window: nothing changed, flagged here and in the log. */
  missingData: number;
  failed: number;
}

export const emptySummary = (): EvaluationSummary => ({
  evaluated: 0,
  skipped: 0,
  raised: 0,
  updated: 0,
  renotified: 0,
  recovering: 0,
  resolved: 0,
  missingData: 0,
  failed: 0,
});

export function addSummaries(into: EvaluationSummary, more: EvaluationSummary): EvaluationSummary {
  for (const field of Object.keys(into) as (keyof EvaluationSummary)[]) into[field] += more[field];
  return into;
}

type Sla = SlaDefinition;

const isRace = (error: unknown) =>
  error instanceof AlertRaceError || error instanceof PreconditionFailedError || error instanceof NotFoundError;

/**
 * Evaluates one SLA at `now` and applies the alert decisions. `open` (the SLA's open alerts) saves a read when
 * the caller already has it.
 */
export async function evaluateOne(
  sla: Sla,
  now: number,
  options: { ctx: OperationContext; open?: OpenAlerts },
): Promise<EvaluationSummary> {
  const summary = emptySummary();
  if (sla.status !== 'active' || Date.parse(sla.effectiveFrom) > now) {
    summary.skipped += 1;
    return summary;
  }
  const lookback = lookbackMs(sla);
  // An edge bucket may start up to one (daily) bucket before the window.
  const [rollups, initiallyOpen] = await Promise.all([
    readRollups(sla.partnerId, sla.metric, now - lookback - resolutionMs.P1D, now),
    options.open ?? readOpenAlerts(sla.partnerId, slaSubject(sla)),
  ]);
  const evaluation = evaluateSla({ ...sla, activeSince: activeSince(sla) }, rollups, now, {
    // 5-minute buckets expire after 3 days; older windows must not be read at that resolution.
    completeFrom: { PT5M: now - FIVE_MINUTE_RETENTION_MS },
  });
  summary.evaluated += 1;
  if (evaluation.status === 'no-data' && evaluation.kind !== 'freshness') {
    summary.missingData += 1;
    logger.info('SLA has no data in its window', {
      partnerId: sla.partnerId,
      slaId: sla.id,
      metric: sla.metric,
      detail: evaluation.detail,
    });
  }

  let open = initiallyOpen;
  const applied = new Set<Severity>();
  for (let attempt = 1; ; attempt++) {
    const decisions = decideSlaAlerts(statesOf(open), evaluation, now).filter((d) => !applied.has(d.severity));
    try {
      for (const decision of decisions) {
        await apply(options.ctx, sla, evaluation, decision, open[decision.severity], now, summary);
        applied.add(decision.severity);
      }
      return summary;
    } catch (error) {
      if (!isRace(error) || attempt >= MAX_ATTEMPTS) throw error;
      // Another evaluation (or a person) changed this SLA's alerts since we read them: decide again from theirs.
      open = await readOpenAlerts(sla.partnerId, slaSubject(sla));
    }
  }
}

async function apply(
  ctx: OperationContext,
  sla: Sla,
  evaluation: Evaluation,
  { decision }: KeyedDecision,
  current: OpenAlert | undefined,
  now: number,
  summary: EvaluationSummary,
): Promise<void> {
  const next = decision.next;
  switch (decision.action) {
    case 'none':
      return;
    case 'raise':
      await commitChange(
        ctx,
        raiseChange(ctx, { scope: sla.partnerId, subject: slaSubject(sla), detail: evaluation.detail, state: next! }),
      );
      summary.raised += 1;
      return;
    case 'update':
      if (!current) throw new NotFoundError('open alert vanished');
      if (matters(current.state, next!)) {
        await commitChange(ctx, updateChange(ctx, current, next!, { action: 'updated', detail: evaluation.detail }));
      } else {
        if (now - current.state.lastSeen < UPDATE_EVERY_MS) return;
        await commitChange(ctx, counterChange(ctx, current, next!, evaluation.detail));
      }
      summary.updated += 1;
      return;
    case 'renotify':
      if (!current) throw new NotFoundError('open alert vanished');
      await commitChange(ctx, updateChange(ctx, current, next!, { action: 'renotified', detail: evaluation.detail }));
      summary.renotified += 1;
      return;
    case 'recovering':
      if (!current) throw new NotFoundError('open alert vanished');
      // Only the first healthy evaluation changes anything (it starts the keep-firing clock).
      if (current.state.healthySince === next!.healthySince) return;
      await commitChange(ctx, updateChange(ctx, current, next!, { action: 'recovering' }));
      summary.recovering += 1;
      return;
    case 'resolve':
      if (!current) throw new NotFoundError('open alert vanished');
      await commitChange(
        ctx,
        resolveChange(ctx, current, {
          resolution: decision.notify ? 'recovered' : 'superseded',
          note: decision.reason,
          notify: decision.notify,
          state: next!,
          detail: evaluation.detail,
        }),
      );
      summary.resolved += 1;
      return;
  }
}

/** An SLA as the subject of its alerts. */
const slaSubject = (sla: Sla): AlertSubject => ({ kind: 'sla', slaId: sla.id, metric: sla.metric });

/** A still-breaching update worth writing at once: it ends a recovery or changes what the alert says. */
function matters(current: AlertState, next: AlertState): boolean {
  return (
    current.healthySince !== undefined ||
    current.rule !== next.rule ||
    current.window !== next.window ||
    current.target !== next.target
  );
}

function statesOf(open: OpenAlerts): Partial<Record<Severity, AlertState>> {
  const states: Partial<Record<Severity, AlertState>> = {};
  for (const [severity, alert] of Object.entries(open) as [Severity, OpenAlert][]) states[severity] = alert.state;
  return states;
}

/** A freshness SLA's grace starts when it began to be watched: effective, created, or resumed, the latest. */
function activeSince(sla: Sla): number {
  return Math.max(
    Date.parse(sla.effectiveFrom),
    Date.parse(sla.createdAt),
    sla.resumedAt ? Date.parse(sla.resumedAt) : 0,
  );
}

// ---------------------------------------------------------------------------------------------- many SLAs

export interface SlaRef {
  partnerId: string;
  slaId: string;
}

export interface Failure {
  ref: SlaRef;
  error: string;
}

export const DEFAULT_CONCURRENCY = 8;

/**
 * Evaluates SLAs with at most `concurrency` in flight; a failure is reported per SLA, the rest go on. Each SLA
 * is evaluated at the time it starts (unless `now` is given), so a long batch never writes a lastSeen older than
 * one an on-ingest evaluation wrote meanwhile.
 */
export async function evaluateMany(
  slas: { sla: Sla; open?: OpenAlerts }[],
  options: { ctx: OperationContext; concurrency?: number; now?: number },
): Promise<{ summary: EvaluationSummary; failures: Failure[] }> {
  const summary = emptySummary();
  const failures: Failure[] = [];
  await forEachLimited(slas, options.concurrency ?? DEFAULT_CONCURRENCY, async ({ sla, open }) => {
    try {
      addSummaries(
        summary,
        await evaluateOne(sla, options.now ?? nowMs(), { ctx: options.ctx, ...(open ? { open } : {}) }),
      );
    } catch (error) {
      summary.failed += 1;
      failures.push({ ref: { partnerId: sla.partnerId, slaId: sla.id }, error: (error as Error).message });
      logger.error('SLA evaluation failed', { partnerId: sla.partnerId, slaId: sla.id, error: error as Error });
    }
  });
  return { summary, failures };
}

/** SLAs and their open-alert pointers per BatchGetItem: 25 SLAs x (1 + 3 severities) = the 100-key limit. */
const SLAS_PER_BATCH_GET = 25;

/**
 * The worker's read: every SLA of the batch and all its possible open-alert pointers in one BatchGetItem per 25
 * SLAs (strongly consistent), so an evaluation itself reads only its rollups.
 */
export async function loadSlas(refs: SlaRef[]): Promise<{ sla: Sla; open: OpenAlerts }[]> {
  const loaded: { sla: Sla; open: OpenAlerts }[] = [];
  for (let start = 0; start < refs.length; start += SLAS_PER_BATCH_GET) {
    const chunk = refs.slice(start, start + SLAS_PER_BATCH_GET);
    const wanted = chunk.flatMap((r) => [
      SlaDefinitionEntity.key({ partnerId: r.partnerId, id: r.slaId }),
      ...severities.map((severity) => OpenAlertEntity.key({ partnerId: r.partnerId, slaId: r.slaId, severity })),
    ]);
    const items = await getItems(wanted);
    const slas = new Map<string, Sla>();
    const open = new Map<string, OpenAlerts>();
    for (const item of items) {
      if (item.type === SlaDefinitionEntity.type) {
        const sla = toEntity<Sla>(item);
        slas.set(sla.id, sla);
      } else if (item.type === OpenAlertEntity.type) {
        const pointer = toEntity<OpenAlert>(item);
        const forSla = open.get(pointer.slaId) ?? {};
        forSla[pointer.severity] = pointer;
        open.set(pointer.slaId, forSla);
      }
    }
    for (const ref of chunk) {
      const sla = slas.get(ref.slaId);
      // Gone or no longer active since the planner listed it: nothing to evaluate.
      if (sla) loaded.push({ sla, open: open.get(ref.slaId) ?? {} });
    }
  }
  return loaded;
}

/** The worker's unit: load a batch of SLAs with their open alerts, evaluate them at the current time. */
export async function evaluateBatch(
  refs: SlaRef[],
  options: { ctx: OperationContext; concurrency?: number; now?: number },
): Promise<{ summary: EvaluationSummary; failures: Failure[] }> {
  const loaded = await loadSlas(refs);
  const result = await evaluateMany(loaded, options);
  result.summary.skipped += refs.length - loaded.length;
  return result;
}
