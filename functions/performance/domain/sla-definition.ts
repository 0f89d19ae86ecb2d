import * as z from 'zod';
import { EntityMeta, Id, PageQuery, Timestamp, text } from '#shared/domain/common';
import {
  aggregates,
  comparators,
  Duration,
  FreshnessSla,
  RatioSla,
  Severity,
  SlaTerm,
  ThresholdSla,
} from '#functions/performance/domain/sla';
import { fieldErrors, ValidationError } from '#shared/errors';

/**
 * SLA definitions: the SLA terms the monitor evaluates, with where they came from and whether they are
 * watched. Agreement activation materializes its terms (source `agreement`); vendors add direct ones.
 *
 *   active <-> paused      (PATCH; paused leaves the monitor's index)
 *   active | paused -> retired   (the agreement ended; final, changes are 409)
 */

export const slaStatuses = ['active', 'paused', 'retired'] as const;
export type SlaStatus = (typeof slaStatuses)[number];

const labels = {
  name: text(120).optional(),
  description: text(1000).optional(),
};

const meta = {
  id: Id,
  partnerId: Id,
  ...labels,
  agreementId: Id.optional(),
  agreementVersion: z.number().int().optional(),
  source: z.enum(['agreement', 'direct']),
  status: z.enum(slaStatuses),
  effectiveFrom: Timestamp,
  /** Set when a paused SLA is watched again: a freshness SLA gets one window of grace from here. */
  resumedAt: Timestamp.optional(),
  ...EntityMeta,
};

/** An SLA term plus an optional name and description. */
export const CreateSlaInput = z.discriminatedUnion('kind', [
  ThresholdSla.extend(labels),
  RatioSla.extend(labels),
  FreshnessSla.extend(labels),
]);
export type CreateSlaInput = z.infer<typeof CreateSlaInput>;

/**
 * What a PATCH may change. The kind and the metric are fixed (a different metric is a different SLA). Fields
 * that the SLA's kind does not have are refused after merging (mergeSlaChange), with the field's path.
 */
export const UpdateSlaInput = z
  .strictObject({
    ...labels,
    target: z.number().finite().min(-1e12).max(1e12).optional(),
    window: Duration.optional(),
    severity: Severity.optional(),
    comparator: z.enum(comparators).optional(),
    aggregate: z.enum(aggregates).optional(),
    status: z.enum(['active', 'paused']).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');
export type UpdateSlaInput = z.infer<typeof UpdateSlaInput>;

export const SlaDefinitionSchema = z.discriminatedUnion('kind', [
  ThresholdSla.extend(meta),
  RatioSla.extend(meta),
  FreshnessSla.extend(meta),
]);
export type SlaDefinition = z.infer<typeof SlaDefinitionSchema>;

export const SlaParams = z.strictObject({ partnerId: Id, slaId: Id });
export const ListSlasQuery = z.strictObject({ status: z.enum(slaStatuses).optional(), ...PageQuery });

const termFields = ['target', 'window', 'severity', 'comparator', 'aggregate'] as const;

/**
 * The SLA term after a PATCH, validated as a whole against its kind (a ratio SLA has no aggregate, a freshness
 * SLA no target; a ratio target stays below 100 %). Returns only the term fields that change.
 */
export function mergeSlaChange(current: SlaTerm, input: UpdateSlaInput): Partial<SlaTerm> {
  const term: Record<string, unknown> = { ...pickTerm(current) };
  for (const field of termFields) if (input[field] !== undefined) term[field] = input[field];
  const parsed = SlaTerm.safeParse(term);
  if (!parsed.success) {
    throw new ValidationError(`These changes do not fit a ${current.kind} SLA`, {
      errors: fieldErrors(parsed.error, 'body'),
    });
  }
  const changed: Record<string, unknown> = {};
  for (const field of termFields) {
    const next = (parsed.data as Record<string, unknown>)[field];
    if (input[field] !== undefined && next !== (current as Record<string, unknown>)[field]) changed[field] = next;
  }
  return changed;
}

/** The SLA term alone (the stored definition carries more). */
export function pickTerm(sla: SlaTerm): SlaTerm {
  const { kind, metric, window, severity } = sla;
  switch (sla.kind) {
    case 'threshold':
      return {
        kind: 'threshold',
        metric,
        window,
        severity,
        aggregate: sla.aggregate,
        comparator: sla.comparator,
        target: sla.target,
      };
    case 'ratio':
      return { kind: 'ratio', metric, window, severity, comparator: sla.comparator, target: sla.target };
    case 'freshness':
      return { kind, metric, window, severity } as SlaTerm;
  }
}
