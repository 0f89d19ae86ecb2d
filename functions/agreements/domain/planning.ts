import * as z from 'zod';
import { Email, EntityMeta, Id, PageQuery, text } from '#shared/domain/common';

const Side = z.enum(['vendor', 'partner']);

export const ActionItem = z.strictObject({
  title: text(300),
  owner: text(120),
  ownerSide: Side,
  dueDate: z.iso.date(),
  status: z.enum(['open', 'done']).default('open'),
});

export const CreatePlanningSessionInput = z.strictObject({
  title: text(200),
  heldAt: z.iso.datetime(),
  participants: z
    .array(z.strictObject({ name: text(120), side: Side, email: Email.optional(), role: text(120).optional() }))
    .min(1)
    .max(50),
  agenda: z.array(text(500)).max(50).default([]),
  decisions: z.array(text(1000)).max(50).default([]),
  actionItems: z.array(ActionItem).max(100).default([]),
  agreementId: Id.optional(),
  riskIds: z.array(Id).max(20).default([]),
  notes: text(8000).optional(),
});

export const PlanningSessionSchema = z.object({
  id: Id,
  partnerId: Id,
  ...CreatePlanningSessionInput.shape,
  ...EntityMeta,
});
export type PlanningSession = z.infer<typeof PlanningSessionSchema>;

export const PlanningSessionParams = z.strictObject({ partnerId: Id, sessionId: Id });
export const ListPlanningSessionsQuery = z.strictObject({ ...PageQuery });
