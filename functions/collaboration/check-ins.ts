import { ulid } from 'ulid';
import type * as z from 'zod';
import { CheckInDue, CheckInRecorded, CheckInScheduled } from '#functions/collaboration/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit } from '#shared/db/commit';
import { editVersioned, newEntityMeta } from '#shared/db/edit';
import { commitOnce } from '#shared/db/once';
import { getItem, queryAll, toEntity, type Page } from '#shared/db/repository';
import {
  localToUtc,
  nextLocalStart,
  utcToLocal,
  type Cadence,
  type CheckIn,
  type RecordCheckInInput,
  type ScheduleCheckInInput,
} from '#functions/collaboration/domain/check-in';
import { renderIcs } from '#functions/collaboration/domain/ics';
import { changedFields } from '#functions/collaboration/changes';
import { CheckInEntity, checkInsOf } from '#functions/collaboration/entities';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors';
import { logger } from '#shared/log';
import { listPartnerItems } from '#shared/db/partner-items';
import { getPartner, type Partner } from '#functions/partners/index';
import { listPartnerAlerts } from '#functions/alerts/index';
import { computeScorecard, currentPeriod } from '#functions/performance/index';

/**
 * Check-ins, KPI reviews, workshops and planning meetings. Times are given in the partner's time zone and
 * stored as UTC instants too. A scheduled check-in sits in the sparse `CHECKINS#upcoming` index until it
 * starts: the reminders job notifies both sides 24 hours before (once) and, when the meeting starts, creates
 * the next occurrence of a recurring one (once: a marker in the same transaction).
 */

const notFound = () => new NotFoundError('Check-in not found');
const HOUR_MS = 3600 * 1000;
export const NOTICE_HOURS = 24;
const MAX_AGENDA = 50;

export const checkInSnapshot = (c: CheckIn) => ({
  id: c.id,
  kind: c.kind,
  title: c.title,
  startsAt: c.startsAt,
  localStart: c.localStart,
  timezone: c.timezone,
  ...(c.cadence ? { cadence: c.cadence } : {}),
  occurrence: c.occurrence,
});

export async function getCheckIn(partnerId: string, checkInId: string): Promise<CheckIn> {
  const item = await getItem<CheckIn>(CheckInEntity.key({ partnerId, id: checkInId }));
  if (!item) throw notFound();
  return toEntity<CheckIn>(item);
}

export function listCheckIns(
  partnerId: string,
  filter: { kind?: string | undefined; status?: string | undefined },
  page: { limit: number; cursor?: string },
): Promise<Page<CheckIn>> {
  return listPartnerItems<CheckIn>(partnerId, checkInsOf(partnerId), filter, page);
}

/** A KPI review opens with the month's scorecard and the open alerts, when there are any. */
async function kpiReviewAgenda(partnerId: string): Promise<string[]> {
  const lines: string[] = [];
  try {
    const card = await computeScorecard(partnerId, currentPeriod());
    if (card.slas.length > 0 || card.healthScore !== undefined) {
      lines.push(
        `Scorecard ${card.period}: health ${card.healthScore === undefined ? 'no data yet' : `${card.healthScore}/100`}`,
      );
      for (const sla of card.slas) {
        const compliance =
          sla.compliance === undefined ? 'no data' : `${Math.round(sla.compliance * 10) / 10} % compliant`;
        const kpi = sla.kpi
          ? `, ${Math.round(sla.kpi.value * 100) / 100} vs target ${sla.kpi.comparator} ${sla.kpi.target}`
          : '';
        lines.push(`SLA ${sla.metric} (${sla.severity}): ${compliance}${kpi}`);
      }
    }
    const alerts = await listPartnerAlerts(partnerId, { status: 'open' }, { limit: 20 });
    for (const alert of alerts.items)
      lines.push(`Open alert [${alert.severity}] ${alert.metric}: ${alert.detail}`.slice(0, 500));
  } catch (error) {
    // A review without figures is still a review: the pre-fill is a convenience.
    logger.warn('could not pre-fill the KPI review agenda', { partnerId, error: error as Error });
  }
  return lines;
}

interface Occurrence {
  id: string;
  seriesId: string;
  occurrence: number;
  seriesStart: string;
  localStart: string;
  prefill: string[];
}

function build(
  partnerId: string,
  partner: Partner,
  input: z.infer<typeof ScheduleCheckInInput>,
  o: Occurrence,
  by: OperationContext,
): CheckIn {
  const startsAt = new Date(localToUtc(o.localStart, partner.timezone)).toISOString();
  return {
    id: o.id,
    partnerId,
    kind: input.kind,
    title: input.title,
    localStart: o.localStart,
    timezone: partner.timezone,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + input.durationMinutes * 60_000).toISOString(),
    durationMinutes: input.durationMinutes,
    ...(input.cadence ? { cadence: input.cadence } : {}),
    seriesId: o.seriesId,
    occurrence: o.occurrence,
    seriesStart: o.seriesStart,
    attendees: input.attendees,
    plannedAgenda: input.agenda,
    agenda: [...o.prefill, ...input.agenda].slice(0, MAX_AGENDA),
    ...(input.location ? { location: input.location } : {}),
    status: 'scheduled',
    ...newEntityMeta(by),
  };
}

export async function scheduleCheckIn(
  ctx: OperationContext,
  partnerId: string,
  input: z.infer<typeof ScheduleCheckInInput>,
): Promise<CheckIn> {
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded') throw new ConflictError('The partner is offboarded');
  const id = ulid(nowMs());
  const prefill = input.kind === 'kpi-review' ? await kpiReviewAgenda(partnerId) : [];
  const checkIn = build(
    partnerId,
    partner,
    input,
    { id, seriesId: id, occurrence: 1, seriesStart: input.localStart, localStart: input.localStart, prefill },
    ctx,
  );
  if (Date.parse(checkIn.startsAt) <= nowMs()) {
    throw new ValidationError('A check-in is scheduled in the future', {
      errors: [
        {
          path: 'body.localStart',
          message: `must be after now (${utcToLocal(nowMs(), partner.timezone)} in ${partner.timezone})`,
        },
      ],
    });
  }
  await commit(ctx, {
    writes: [CheckInEntity.put(checkIn, { ifAbsent: true })],
    audit: {
      action: 'check-in.scheduled',
      entityType: 'check-in',
      entityId: id,
      partnerId,
      note: `${input.kind} “${input.title}” at ${input.localStart} ${partner.timezone}${input.cadence ? `, ${input.cadence}` : ''}`,
    },
    events: [outboxEvent(ctx, CheckInScheduled, partnerId, { checkIn: checkInSnapshot(checkIn), createdBy: 'person' })],
  });
  return checkIn;
}

export async function recordCheckIn(
  ctx: OperationContext,
  partnerId: string,
  checkInId: string,
  expectedVersion: number,
  input: z.infer<typeof RecordCheckInInput>,
): Promise<CheckIn> {
  const current = await getCheckIn(partnerId, checkInId);
  // A stale If-Match answers 412 before a closed check-in answers 409.
  assertVersion('check-in', current.version, expectedVersion);
  if (current.status !== 'scheduled' && input.status && input.status !== current.status) {
    throw new ConflictError(`The check-in is ${current.status}: its status cannot change any more`);
  }
  return editVersioned<CheckIn>(ctx, {
    entity: CheckInEntity,
    what: 'check-in',
    current,
    expectedVersion,
    set: input,
    diff: changedFields,
    notFound,
    audit: { action: 'check-in.recorded', entityType: 'check-in', entityId: checkInId, partnerId },
    events: (next) => [
      outboxEvent(ctx, CheckInRecorded, partnerId, {
        checkIn: checkInSnapshot(next),
        status: next.status,
        decisions: next.decisions?.length ?? 0,
        actionItems: next.actionItems?.length ?? 0,
      }),
    ],
  });
}

/** The check-in as an iCalendar file (UTC times; the local time and the agenda in the description). */
export function checkInIcs(checkIn: CheckIn, partnerName: string): string {
  const description = [
    `${checkIn.kind} with ${partnerName}: ${checkIn.localStart.replace('T', ' ')} (${checkIn.timezone})`,
    ...(checkIn.cadence ? [`Repeats ${checkIn.cadence}; occurrence ${checkIn.occurrence}.`] : []),
    ...(checkIn.agenda.length ? ['', 'Agenda:', ...checkIn.agenda.map((a) => `- ${a}`)] : []),
  ].join('\n');
  return renderIcs({
    uid: `${checkIn.id}@accord`,
    stamp: nowIso(),
    start: checkIn.startsAt,
    end: checkIn.endsAt,
    summary: checkIn.title,
    description,
    ...(checkIn.location ? { location: checkIn.location } : {}),
    sequence: checkIn.version - 1,
    status: checkIn.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    attendees: checkIn.attendees,
  });
}

export interface CheckInJobSummary {
  checkInsChecked: number;
  checkInNotices: number;
  occurrencesCreated: number;
}

/**
 * Reminders job: scheduled check-ins starting within 24 hours get one notice (marker `checkin-due#<id>`);
 * those that have started leave the upcoming index, and a recurring one gets its next occurrence (marker
 * `checkin-next#<id>`, in the same transaction as the new occurrence): running twice creates nothing twice.
 */
export async function processCheckIns(ctx: OperationContext): Promise<CheckInJobSummary> {
  const summary: CheckInJobSummary = { checkInsChecked: 0, checkInNotices: 0, occurrencesCreated: 0 };
  const horizon = new Date(nowMs() + NOTICE_HOURS * HOUR_MS).toISOString();
  const due = queryAll<CheckIn>({
    index: CheckInEntity.indexes.upcoming.index,
    partition: CheckInEntity.indexes.upcoming.pk(),
    sort: { between: ['0', `${horizon}~`] },
    limit: 100,
  });
  for await (const page of due) {
    for (const checkIn of page) {
      summary.checkInsChecked += 1;
      if (Date.parse(checkIn.startsAt) <= nowMs()) {
        if (await roll(ctx, checkIn)) summary.occurrencesCreated += 1;
      } else if (checkIn.status === 'scheduled' && (await notice(ctx, checkIn))) {
        summary.checkInNotices += 1;
      }
    }
  }
  return summary;
}

/** The 24-hour notice, once per check-in; false if it was sent before. */
function notice(ctx: OperationContext, checkIn: CheckIn): Promise<boolean> {
  const hoursLeft = Math.round(((Date.parse(checkIn.startsAt) - nowMs()) / HOUR_MS) * 10) / 10;
  return commitOnce(ctx, 'checkin-due', checkIn.id, {
    writes: [],
    audit: {
      action: 'check-in.notice',
      entityType: 'check-in',
      entityId: checkIn.id,
      partnerId: checkIn.partnerId,
      note: `starts in ${hoursLeft} h (${checkIn.localStart} ${checkIn.timezone})`,
    },
    events: [outboxEvent(ctx, CheckInDue, checkIn.partnerId, { checkIn: checkInSnapshot(checkIn), hoursLeft })],
  });
}

/**
 * A check-in that has started leaves the upcoming index; a recurring one names its next occurrence, created in
 * the same transaction (once). True when an occurrence was created now.
 */
async function roll(ctx: OperationContext, checkIn: CheckIn): Promise<boolean> {
  if (!checkIn.cadence) {
    await commit(ctx, {
      writes: [CheckInEntity.update(checkIn, {}, { notFound })],
      audit: { action: 'check-in.started', entityType: 'check-in', entityId: checkIn.id, partnerId: checkIn.partnerId },
    });
    return false;
  }
  const partner = await getPartner(checkIn.partnerId);
  const next = await nextOccurrence(ctx, checkIn, checkIn.cadence, partner);
  return commitOnce(ctx, 'checkin-next', checkIn.id, {
    writes: [
      CheckInEntity.update(checkIn, { nextOccurrenceId: next.id }, { notFound }),
      CheckInEntity.put(next, { ifAbsent: true }),
    ],
    audit: {
      action: 'check-in.scheduled',
      entityType: 'check-in',
      entityId: next.id,
      partnerId: checkIn.partnerId,
      note: `occurrence ${next.occurrence} of ${checkIn.seriesId} (${checkIn.cadence}) at ${next.localStart} ${partner.timezone}`,
    },
    events: [
      outboxEvent(ctx, CheckInScheduled, checkIn.partnerId, { checkIn: checkInSnapshot(next), createdBy: 'cadence' }),
    ],
  });
}

/** The series' next occurrence still ahead (a job that did not run for a while skips the ones already past). */
async function nextOccurrence(
  ctx: OperationContext,
  checkIn: CheckIn,
  cadence: Cadence,
  partner: Partner,
): Promise<CheckIn> {
  let occurrence = checkIn.occurrence;
  let localStart: string;
  do {
    localStart = nextLocalStart(checkIn.seriesStart, cadence, occurrence);
    occurrence += 1;
  } while (localToUtc(localStart, partner.timezone) <= nowMs());
  const id = ulid(nowMs());
  const prefill = checkIn.kind === 'kpi-review' ? await kpiReviewAgenda(checkIn.partnerId) : [];
  const input = {
    kind: checkIn.kind,
    title: checkIn.title,
    localStart,
    durationMinutes: checkIn.durationMinutes,
    cadence,
    attendees: checkIn.attendees,
    agenda: checkIn.plannedAgenda,
    ...(checkIn.location ? { location: checkIn.location } : {}),
  };
  return build(
    checkIn.partnerId,
    partner,
    input,
    { id, seriesId: checkIn.seriesId, occurrence, seriesStart: checkIn.seriesStart, localStart, prefill },
    ctx,
  );
}
