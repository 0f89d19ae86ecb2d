import * as z from 'zod';
import { EntityMeta, Id, PageQuery, text } from '#shared/domain/common';
import { MetricName } from '#functions/performance/index';
import { Quarter, Side } from '#functions/collaboration/domain/common';

export const milestoneStatuses = ['planned', 'in-progress', 'done', 'blocked'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];
export const objectiveStatuses = ['active', 'achieved', 'dropped'] as const;

export const MilestoneInput = z.strictObject({
  title: text(200),
  due: z.iso.date(),
  ownerSide: Side,
  status: z.enum(milestoneStatuses).default('planned'),
});

export const Kpi = z.strictObject({
  /** A metric of the catalog (GET /v1/metrics). */
  metric: MetricName,
  target: z.number().finite(),
  due: z.iso.date(),
  /** How the metric's daily rollups add up over the objective: sum (volumes), avg (levels), ratio (good/total %). */
  aggregate: z.enum(['sum', 'avg', 'ratio']).default('avg'),
  /** The KPI counts from this date (default: the objective's creation). */
  from: z.iso.date().optional(),
});
export type Kpi = z.infer<typeof Kpi>;

const fields = {
  title: text(200),
  description: text(4000).optional(),
  ownerSide: Side,
  quarter: Quarter,
  kpi: Kpi.optional(),
};

export const CreateObjectiveInput = z.strictObject({
  ...fields,
  milestones: z.array(MilestoneInput).max(50).default([]),
});
export const UpdateObjectiveInput = z
  .strictObject({
    title: fields.title.optional(),
    description: fields.description,
    ownerSide: fields.ownerSide.optional(),
    quarter: fields.quarter.optional(),
    kpi: fields.kpi,
    status: z.enum(objectiveStatuses).optional(),
    /** New milestones, appended. */
    addMilestones: z.array(MilestoneInput).max(50).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');

export const MilestoneSchema = z.object({
  id: Id,
  ...MilestoneInput.shape,
  status: z.enum(milestoneStatuses),
  note: z.string().optional(),
  statusChangedAt: z.string().optional(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const ProgressSchema = z.object({
  /** done / all milestones, in %. */
  milestones: z.object({ done: z.number().int(), total: z.number().int(), percent: z.number() }),
  /** From the linked metric's daily rollups, when there is a KPI and data. */
  kpi: z
    .object({ value: z.number(), target: z.number(), percent: z.number(), from: z.string(), to: z.string() })
    .optional(),
});

export const ObjectiveSchema = z.object({
  id: Id,
  partnerId: Id,
  title: z.string(),
  description: z.string().optional(),
  ownerSide: Side,
  quarter: Quarter,
  kpi: Kpi.optional(),
  status: z.enum(objectiveStatuses),
  milestones: z.array(MilestoneSchema),
  progress: ProgressSchema.optional(),
  ...EntityMeta,
});
export type Objective = z.infer<typeof ObjectiveSchema>;

export const ObjectiveParams = z.strictObject({ partnerId: Id, objectiveId: Id });
export const MilestoneParams = z.strictObject({ partnerId: Id, objectiveId: Id, milestoneId: Id });
export const MilestoneStatusInput = z.strictObject({ status: z.enum(milestoneStatuses), note: text(1000).optional() });
export const ListObjectivesQuery = z.strictObject({
  quarter: Quarter.optional(),
  status: z.enum(objectiveStatuses).optional(),
  ...PageQuery,
});
export const RoadmapQuery = z
  .strictObject({ from: Quarter.optional(), to: Quarter.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

/** The milestone due dates still open (not done): the earliest is when the objective needs looking at. */
export function earliestOpenDue(milestones: readonly Pick<Milestone, 'due' | 'status'>[]): string | undefined {
  return milestones
    .filter((m) => m.status !== 'done')
    .map((m) => m.due)
    .sort()[0];
}

/** Milestones not done whose due date is before `today` (YYYY-MM-DD). */
export function overdueMilestones<M extends Pick<Milestone, 'due' | 'status'>>(
  milestones: readonly M[],
  today: string,
): M[] {
  return milestones.filter((m) => m.status !== 'done' && m.due < today);
}

export function milestoneProgress(milestones: readonly Pick<Milestone, 'status'>[]): {
  done: number;
  total: number;
  percent: number;
} {
  const done = milestones.filter((m) => m.status === 'done').length;
  return {
    done,
    total: milestones.length,
    percent: milestones.length ? Math.round((done / milestones.length) * 1000) / 10 : 0,
  };
}

/** Attainment of a KPI in %, capped at 100; `lower-is-better` metrics attain when the value falls to the target. */
export function kpiPercent(value: number, target: number, direction: 'higher-is-better' | 'lower-is-better'): number {
  let ratio: number;
  if (direction === 'lower-is-better') ratio = value <= 0 ? 1 : target / value;
  else ratio = target === 0 ? 1 : value / target;
  return Math.round(Math.max(0, Math.min(1, ratio)) * 1000) / 10;
}

/** The KPI value from daily buckets: sum, mean of the values, or good/total in %. */
export function kpiValue(
  buckets: readonly { sum: number; count: number; good: number; total: number }[],
  aggregate: Kpi['aggregate'],
): number | undefined {
  const sum = buckets.reduce((a, b) => a + b.sum, 0);
  const count = buckets.reduce((a, b) => a + b.count, 0);
  const good = buckets.reduce((a, b) => a + b.good, 0);
  const total = buckets.reduce((a, b) => a + b.total, 0);
  if (aggregate === 'ratio') return total > 0 ? Math.round((good / total) * 100000) / 1000 : undefined;
  if (count === 0) return undefined;
  return aggregate === 'sum' ? sum : Math.round((sum / count) * 1000) / 1000;
}
