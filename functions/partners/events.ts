import * as z from 'zod';
import { defineEvent } from '#events/envelope';
import { sources } from '#events/sources';

// The partners context's events: source and detail-type constants with a zod schema for each detail's data.

const PartnerSnapshot = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  tier: z.string(),
  status: z.string(),
  country: z.string(),
  ownerManager: z.string().optional(),
});

const MemberSnapshot = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['partner-admin', 'partner-user']),
  status: z.enum(['active', 'disabled']),
});

export const PartnerCreated = defineEvent(sources.partners, 'PartnerCreated', z.object({ partner: PartnerSnapshot }));

export const PartnerUpdated = defineEvent(
  sources.partners,
  'PartnerUpdated',
  z.object({ partner: PartnerSnapshot, changed: z.array(z.string()) }),
);

export const PartnerStatusChanged = defineEvent(
  sources.partners,
  'PartnerStatusChanged',
  z.object({ partner: PartnerSnapshot, from: z.string(), to: z.string(), reason: z.string() }),
);

export const PartnerOnboardingStalled = defineEvent(
  sources.partners,
  'PartnerOnboardingStalled',
  z.object({ partner: PartnerSnapshot, onboardingSince: z.string(), days: z.number().int() }),
);

export const PartnerUserAdded = defineEvent(sources.partners, 'PartnerUserAdded', z.object({ user: MemberSnapshot }));

export const PartnerUserUpdated = defineEvent(
  sources.partners,
  'PartnerUserUpdated',
  z.object({ user: MemberSnapshot, changed: z.array(z.string()) }),
);

export const PartnerUserRemoved = defineEvent(
  sources.partners,
  'PartnerUserRemoved',
  z.object({ user: MemberSnapshot }),
);

/** Every event this context emits. */
export const partnersEvents = [
  PartnerCreated,
  PartnerUpdated,
  PartnerStatusChanged,
  PartnerOnboardingStalled,
  PartnerUserAdded,
  PartnerUserUpdated,
  PartnerUserRemoved,
];
