import * as z from 'zod';
import { Email, EntityMeta, Id, PageQuery, text } from '#shared/domain/common';
import { partnerRoles } from '#shared/auth/roles';

export const memberStatuses = ['active', 'disabled'] as const;

export const CreateMemberInput = z.strictObject({
  email: Email,
  name: text(120),
  role: z.enum(partnerRoles),
  title: text(120).optional(),
  phone: text(40).optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a locale such as de-DE')
    .optional(),
});

export const UpdateMemberInput = z
  .strictObject({
    name: text(120).optional(),
    role: z.enum(partnerRoles).optional(),
    title: text(120).optional(),
    phone: text(40).optional(),
    locale: CreateMemberInput.shape.locale,
    status: z.enum(memberStatuses).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');

export const MemberSchema = z.object({
  id: Id,
  partnerId: Id,
  email: z.string(),
  name: z.string(),
  role: z.enum(partnerRoles),
  title: z.string().optional(),
  phone: z.string().optional(),
  locale: z.string().optional(),
  status: z.enum(memberStatuses),
  ...EntityMeta,
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberParams = z.strictObject({ partnerId: Id, userId: Id });
export const ListMembersQuery = z.strictObject({ status: z.enum(memberStatuses).optional(), ...PageQuery });

export function memberSnapshot(m: Member) {
  return { id: m.id, email: m.email, name: m.name, role: m.role, status: m.status };
}
