import { ulid } from 'ulid';
import type * as z from 'zod';
import { MilestoneOverdue, MilestoneStatusChanged, ObjectiveCreated } from '#functions/collaboration/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit, type Write } from '#shared/db/commit';
import { editVersioned, newEntityMeta } from '#shared/db/edit';
import { commitOnce } from '#shared/db/once';
import { getItem, queryAll, toEntity, type Page } from '#shared/db/repository';
import { quarterOf, quartersBetween } from '#functions/collaboration/domain/common';
import {
  kpiPercent,
  kpiValue,
  milestoneProgress,
  overdueMilestones,
  type CreateObjectiveInput,
  type Milestone,
  type MilestoneStatusInput,
  type Objective,
  type UpdateObjectiveInput,
} from '#functions/collaboration/domain/objective';
import { changedFields } from '#functions/collaboration/changes';
import { ObjectiveEntity, objectivesOf } from '#functions/collaboration/entities';
import { definedOnly } from '#shared/domain/common';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors';
import { listPartnerItems } from '#shared/db/partner-items';
import { getPartner } from '#functions/partners/index';
import { MetricDefinitionEntity, readRollups, type MetricDefinition } from '#functions/performance/index';

/**
 * Joint objectives and their milestones (the roadmap). Milestones live inside their objective's item, so an
 * objective with its milestones is one read and one versioned write. While a milestone is not done the
 * objective sits in the sparse `MILESTONES#open` index under its earliest open due date: the reminders job
 * finds overdue milestones with one Query and raises `MilestoneOverdue` once per milestone (a once-marker).
 */

const notFound = () => new NotFoundError('Objective not found');
const DAY_MS = 24 * 3600 * 1000;

export const objectiveSnapshot = (o: Objective) => ({
  id: o.id,
  title: o.title,
  quarter: o.quarter,
  ownerSide: o.ownerSide,
});
const milestoneSnapshot = (m: Milestone) => ({
  id: m.id,
  title: m.title,
  due: m.due,
  ownerSide: m.ownerSide,
  status: m.status,
});

const withProgress = (o: Objective): Objective => ({
  ...o,
  progress: { milestones: milestoneProgress(o.milestones), ...(o.progress?.kpi ? { kpi: o.progress.kpi } : {}) },
});

export async function getObjective(
  partnerId: string,
  objectiveId: string,
  options: { kpi?: boolean } = {},
): Promise<Objective> {
  const item = await getItem<Objective>(ObjectiveEntity.key({ partnerId, id: objectiveId }));
  if (!item) throw notFound();
  const objective = withProgress(toEntity<Objective>(item));
  if (!options.kpi || !objective.kpi) return objective;
  const kpi = await kpiProgress(partnerId, objective);
  return kpi ? { ...objective, progress: { ...objective.progress!, kpi } } : objective;
}

/** Progress of the linked metric from its daily rollups (one Query), from the KPI's start to now or its due date. */
async function kpiProgress(
  partnerId: string,
  objective: Objective,
): Promise<NonNullable<Objective['progress']>['kpi']> {
  const kpi = objective.kpi!;
  const from = Date.parse(kpi.from ?? objective.createdAt.slice(0, 10));
  const to = Math.min(nowMs(), Date.parse(kpi.due) + DAY_MS);
  if (!(from < to)) return undefined;
  const [rollups, definition] = await Promise.all([
    readRollups(partnerId, kpi.metric, Math.floor(from / DAY_MS) * DAY_MS, to),
    getItem<MetricDefinition>(MetricDefinitionEntity.key({ name: kpi.metric })),
  ]);
  const value = kpiValue(rollups.P1D ?? [], kpi.aggregate);
  if (value === undefined) return undefined;
  return {
    value,
    target: kpi.target,
    percent: kpiPercent(value, kpi.target, definition?.direction ?? 'higher-is-better'),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
  };
}

export async function listObjectives(
  partnerId: string,
  filter: { quarter?: string | undefined; status?: string | undefined },
  page: { limit: number; cursor?: string },
): Promise<Page<Objective>> {
  const result = await listPartnerItems<Objective>(partnerId, objectivesOf(partnerId), filter, page);
  return { ...result, items: result.items.map(withProgress) };
}

function metricExists(metric: string, path: string): Write {
  return {
    kind: 'exists',
    key: MetricDefinitionEntity.key({ name: metric }),
    missing: () =>
      new ValidationError('The KPI’s metric is not in the catalog', {
        errors: [{ path, message: 'no such metric (GET /v1/metrics)' }],
      }),
  };
}

const newMilestones = (input: z.infer<typeof CreateObjectiveInput>['milestones']): Milestone[] =>
  input.map((m) => ({ id: ulid(nowMs()), ...m }));

export async function createObjective(
  ctx: OperationContext,
  partnerId: string,
  input: z.infer<typeof CreateObjectiveInput>,
): Promise<Objective> {
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded') throw new ConflictError('The partner is offboarded');
  const id = ulid(nowMs());
  const { milestones: milestoneInput, ...fields } = input;
  const milestones = newMilestones(milestoneInput);
  const objective: Objective = { id, partnerId, ...fields, status: 'active', milestones, ...newEntityMeta(ctx) };
  await commit(ctx, {
    writes: [
      ObjectiveEntity.put(objective, { ifAbsent: true }),
      ...(input.kpi ? [metricExists(input.kpi.metric, 'body.kpi.metric')] : []),
    ],
    audit: {
      action: 'objective.created',
      entityType: 'objective',
      entityId: id,
      partnerId,
      note: `${input.title} (${input.quarter}, ${milestones.length} milestone(s))`,
    },
    events: [
      outboxEvent(ctx, ObjectiveCreated, partnerId, {
        objective: objectiveSnapshot(objective),
        milestones: milestones.length,
      }),
    ],
  });
  return withProgress(objective);
}

export async function updateObjective(
  ctx: OperationContext,
  partnerId: string,
  objectiveId: string,
  expectedVersion: number,
  input: z.infer<typeof UpdateObjectiveInput>,
): Promise<Objective> {
  const current = await getObjective(partnerId, objectiveId);
  assertVersion('objective', current.version, expectedVersion);
  const { addMilestones, ...fields } = input;
  const milestones = [...current.milestones, ...newMilestones(addMilestones ?? [])];
  if (milestones.length > 100)
    throw new ValidationError('An objective holds at most 100 milestones', {
      errors: [{ path: 'body.addMilestones', message: 'too many milestones' }],
    });
  const next = await editVersioned(ctx, {
    entity: ObjectiveEntity,
    what: 'objective',
    current,
    expectedVersion,
    set: { ...definedOnly(fields), ...(addMilestones?.length ? { milestones } : {}) },
    diff: objectiveChanges,
    notFound,
    audit: { action: 'objective.updated', entityType: 'objective', entityId: objectiveId, partnerId },
    writes: fields.kpi ? [metricExists(fields.kpi.metric, 'body.kpi.metric')] : [],
  });
  return withProgress(next);
}

/** The audit counts milestones rather than copying them. */
function objectiveChanges(current: Objective, set: Partial<Objective>): Record<string, { from: unknown; to: unknown }> {
  const changes = changedFields(current, set);
  if (changes.milestones) changes.milestones = { from: current.milestones.length, to: set.milestones?.length };
  return changes;
}

export async function changeMilestoneStatus(
  ctx: OperationContext,
  partnerId: string,
  objectiveId: string,
  milestoneId: string,
  expectedVersion: number,
  input: z.infer<typeof MilestoneStatusInput>,
): Promise<Objective> {
  const current = await getObjective(partnerId, objectiveId);
  assertVersion('objective', current.version, expectedVersion);
  const milestone = current.milestones.find((m) => m.id === milestoneId);
  if (!milestone) throw new NotFoundError('Milestone not found');
  if (milestone.status === input.status) return current;
  const at = nowIso();
  const changed: Milestone = {
    ...milestone,
    status: input.status,
    statusChangedAt: at,
    ...(input.note ? { note: input.note } : {}),
  };
  const milestones = current.milestones.map((m) => (m.id === milestoneId ? changed : m));
  await commit(ctx, {
    writes: [ObjectiveEntity.update(current, { milestones }, { expectedVersion, notFound })],
    audit: {
      action: 'milestone.status-changed',
      entityType: 'objective',
      entityId: objectiveId,
      partnerId,
      changes: { [`milestones.${milestoneId}.status`]: { from: milestone.status, to: input.status } },
      ...(input.note ? { note: input.note } : {}),
    },
    events: [
      outboxEvent(ctx, MilestoneStatusChanged, partnerId, {
        objective: objectiveSnapshot(current),
        milestone: milestoneSnapshot(changed),
        from: milestone.status,
        to: input.status,
      }),
    ],
  });
  const { progress: _progress, ...rest } = current;
  return withProgress({ ...rest, milestones, version: current.version + 1, updatedAt: at });
}

export interface Roadmap {
  from: string;
  to: string;
  quarters: {
    quarter: string;
    objectives: Objective[];
    milestones: (Milestone & { objectiveId: string; objectiveTitle: string })[];
  }[];
}

/** Objectives by their roadmap quarter and milestones by the quarter they are due in (the partner's objectives: a Query or two). */
export async function roadmap(
  partnerId: string,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<Roadmap> {
  await getPartner(partnerId);
  const all: Objective[] = [];
  const { PK, skPrefix } = objectivesOf(partnerId);
  for await (const page of queryAll<Objective>({ partition: PK, sort: { beginsWith: skPrefix }, limit: 100 }))
    all.push(...page.map(withProgress));
  const current = quarterOf(nowIso());
  const seen = [...all.map((o) => o.quarter), ...all.flatMap((o) => o.milestones.map((m) => quarterOf(m.due)))].sort();
  const from = range.from ?? seen[0] ?? current;
  const to = range.to ?? seen[seen.length - 1] ?? current;
  if (from > to)
    throw new ValidationError('from must not be after to', {
      errors: [{ path: 'query.from', message: 'must not be after to' }],
    });
  const quarters = quartersBetween(from, to).map((quarter) => ({
    quarter,
    objectives: all.filter((o) => o.quarter === quarter),
    milestones: all
      .flatMap((o) =>
        o.milestones
          .filter((m) => quarterOf(m.due) === quarter)
          .map((m) => ({ ...m, objectiveId: o.id, objectiveTitle: o.title })),
      )
      .sort((a, b) => a.due.localeCompare(b.due)),
  }));
  return { from, to, quarters };
}

/**
 * Overdue milestones (reminders job): objectives whose earliest open due date has passed, from the sparse
 * index; each overdue milestone is announced once (marker `ONCE#milestone-overdue#<objective>#<milestone>#<due>`,
 * so moving the due date later and missing it again is news again).
 */
export async function remindOverdueMilestones(
  ctx: OperationContext,
): Promise<{ objectivesChecked: number; milestonesOverdue: number }> {
  const summary = { objectivesChecked: 0, milestonesOverdue: 0 };
  const today = nowIso().slice(0, 10);
  const due = queryAll<Objective>({
    index: ObjectiveEntity.indexes.openMilestones.index,
    partition: ObjectiveEntity.indexes.openMilestones.pk(),
    sort: { between: ['0', `${today}#`] },
    limit: 100,
  });
  for await (const page of due) {
    for (const objective of page) {
      summary.objectivesChecked += 1;
      for (const milestone of overdueMilestones(objective.milestones, today))
        if (await remindOverdue(ctx, objective, milestone, today)) summary.milestonesOverdue += 1;
    }
  }
  return summary;
}

/**
 * Announces one overdue milestone, once (marker `milestone-overdue#<objective>#<milestone>#<due>`, so moving the
 * due date later and missing it again is news again); false if it was announced before.
 */
function remindOverdue(
  ctx: OperationContext,
  objective: Objective,
  milestone: Milestone,
  today: string,
): Promise<boolean> {
  const daysOverdue = Math.floor((Date.parse(today) - Date.parse(milestone.due)) / DAY_MS);
  return commitOnce(ctx, 'milestone-overdue', `${objective.id}#${milestone.id}#${milestone.due}`, {
    writes: [],
    audit: {
      action: 'milestone.overdue',
      entityType: 'objective',
      entityId: objective.id,
      partnerId: objective.partnerId,
      note: `“${milestone.title}” was due ${milestone.due} (${milestone.ownerSide} side)`,
    },
    events: [
      outboxEvent(ctx, MilestoneOverdue, objective.partnerId, {
        objective: objectiveSnapshot(objective),
        milestone: milestoneSnapshot(milestone),
        daysOverdue,
      }),
    ],
  });
}
