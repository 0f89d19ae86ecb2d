import * as z from 'zod';
import { Email, EntityMeta, Id, PageQuery, text } from '#shared/domain/common';
import { ConflictError } from '#shared/errors';

export const riskCategories = ['supply', 'quality', 'compliance', 'financial', 'market', 'relationship'] as const;
export const riskStatuses = ['open', 'mitigating', 'closed'] as const;
export type RiskStatus = (typeof riskStatuses)[number];

/** open -> mitigating -> closed; a closed risk may be reopened when it comes back. */
const transitions: Record<RiskStatus, readonly RiskStatus[]> = {
  open: ['mitigating', 'closed'],
  mitigating: ['open', 'closed'],
  closed: ['open'],
};

export function assertRiskTransition(from: RiskStatus, to: RiskStatus): void {
  if (from !== to && !transitions[from].includes(to)) {
    throw new ConflictError(
      `A risk cannot go from ${from} to ${to}; from ${from} it can go to ${transitions[from].join(' or ')}`,
    );
  }
}

/** Likelihood x impact, 1..25: what the register sorts and colours by. */
export const riskScore = (likelihood: number, impact: number): number => likelihood * impact;

const Level = z.number().int().min(1, 'must be 1 (rare/minor) to 5').max(5, 'must be 1 to 5 (almost certain/severe)');

const fields = {
  title: text(200),
  category: z.enum(riskCategories),
  description: text(4000).optional(),
  likelihood: Level,
  impact: Level,
  ownerSide: z.enum(['vendor', 'partner']),
  owner: Email.optional(),
  mitigation: text(4000).optional(),
  reviewDate: z.iso.date().optional(),
  agreementId: Id.optional(),
};

export const CreateRiskInput = z.strictObject(fields);
export const UpdateRiskInput = z
  .strictObject({
    title: fields.title.optional(),
    category: fields.category.optional(),
    description: fields.description,
    likelihood: fields.likelihood.optional(),
    impact: fields.impact.optional(),
    ownerSide: fields.ownerSide.optional(),
    owner: fields.owner,
    mitigation: fields.mitigation,
    reviewDate: fields.reviewDate,
    status: z.enum(riskStatuses).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');

export const RiskSchema = z.object({
  id: Id,
  partnerId: Id,
  ...fields,
  score: z.number().int(),
  status: z.enum(riskStatuses),
  raisedBy: z.enum(['vendor', 'partner']),
  ...EntityMeta,
});
export type Risk = z.infer<typeof RiskSchema>;

export const RiskParams = z.strictObject({ partnerId: Id, riskId: Id });
export const ListRisksQuery = z.strictObject({
  status: z.enum(riskStatuses).optional(),
  category: z.enum(riskCategories).optional(),
  ...PageQuery,
});
