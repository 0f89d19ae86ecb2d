import * as z from 'zod';
import { CountryCode, Email, EntityMeta, Id, PageQuery, text, TimeZone } from '#shared/domain/common';
import { ConflictError } from '#shared/errors';

export const partnerKinds = [
  'reseller',
  'distributor',
  'supplier',
  'service-provider',
  'joint-venture',
  'referral',
] as const;
export const partnerTiers = ['registered', 'silver', 'gold', 'platinum'] as const;
export const partnerStatuses = ['prospect', 'onboarding', 'active', 'suspended', 'offboarded'] as const;

export type PartnerStatus = (typeof partnerStatuses)[number];

/**
 * The lifecycle: prospect -> onboarding -> active <-> suspended -> offboarded.
 * A partner can be offboarded from any live state (a prospect that never signs, a partner terminated
 * while active); offboarded is final.
 */
const transitions: Record<PartnerStatus, readonly PartnerStatus[]> = {
  prospect: ['onboarding', 'offboarded'],
  onboarding: ['active', 'offboarded'],
  active: ['suspended', 'offboarded'],
  suspended: ['active', 'offboarded'],
  offboarded: [],
};

export function assertTransition(from: PartnerStatus, to: PartnerStatus): void {
  if (!transitions[from].includes(to)) {
    const allowed = transitions[from];
    throw new ConflictError(
      `A partner cannot go from ${from} to ${to}` +
        (allowed.length ? `; from ${from} it can go to ${allowed.join(' or ')}` : `; ${from} is final`),
    );
  }
}

export const Contact = z.strictObject({
  name: text(120),
  email: Email,
  phone: text(40).optional(),
});

const editable = {
  name: text(200),
  legalName: text(300).optional(),
  kind: z.enum(partnerKinds),
  tier: z.enum(partnerTiers),
  country: CountryCode,
  timezone: TimeZone,
  /** The vendor manager who owns the relationship (their e-mail). */
  ownerManager: Email.optional(),
  website: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .optional(),
  primaryContact: Contact.optional(),
  tags: z.array(text(40)).max(20).optional(),
};

export const CreatePartnerInput = z.strictObject({ ...editable, tier: editable.tier.default('registered') });
export type CreatePartnerInput = z.infer<typeof CreatePartnerInput>;

export const UpdatePartnerInput = z
  .strictObject({
    name: editable.name.optional(),
    legalName: editable.legalName,
    kind: editable.kind.optional(),
    tier: editable.tier.optional(),
    country: editable.country.optional(),
    timezone: editable.timezone.optional(),
    ownerManager: editable.ownerManager,
    website: editable.website,
    primaryContact: editable.primaryContact,
    tags: editable.tags,
  })
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');
export type UpdatePartnerInput = z.infer<typeof UpdatePartnerInput>;

export const ChangeStatusInput = z.strictObject({
  status: z.enum(partnerStatuses),
  reason: text(1000),
});

export const PartnerSchema = z.object({
  id: Id,
  ...editable,
  status: z.enum(partnerStatuses),
  statusReason: z.string().optional(),
  statusChangedAt: z.string(),
  ...EntityMeta,
});
export type Partner = z.infer<typeof PartnerSchema>;

export const PartnerParams = z.strictObject({ partnerId: Id });

export const ListPartnersQuery = z.strictObject({
  status: z.enum(partnerStatuses).optional(),
  kind: z.enum(partnerKinds).optional(),
  tier: z.enum(partnerTiers).optional(),
  country: CountryCode.optional(),
  /** The start of the partner's name, any case ("nord" finds "Nordlicht GmbH"). */
  q: z.string().trim().min(1).max(200).optional(),
  /** By name, A to Z (`asc`, the default) or Z to A (`desc`). */
  order: z.enum(['asc', 'desc']).default('asc'),
  ...PageQuery,
});

/** What events carry about a partner: enough for consumers, nothing personal. */
export function partnerSnapshot(p: Partner) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    tier: p.tier,
    status: p.status,
    country: p.country,
    ...(p.ownerManager ? { ownerManager: p.ownerManager } : {}),
  };
}
