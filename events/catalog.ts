import * as z from 'zod';
import { defineEvent, type EventDefinition } from '#events/envelope';

/**
 * Accord's domain events: source and detail-type constants with a zod schema for each detail's data.
 * Events are contracts: validated when written to the outbox and again by every consumer.
 */
export const sources = {
  partners: 'accord.partners',
  platform: 'accord.platform',
} as const;

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
export const PartnerUserRemoved = defineEvent(sources.partners, 'PartnerUserRemoved', z.object({ user: MemberSnapshot }));

export const catalog: EventDefinition[] = [
  PartnerCreated,
  PartnerUpdated,
  PartnerStatusChanged,
  PartnerOnboardingStalled,
  PartnerUserAdded,
  PartnerUserUpdated,
  PartnerUserRemoved,
];

export function findEvent(source: string, detailType: string): EventDefinition | undefined {
  return catalog.find((e) => e.source === source && e.detailType === detailType);
}
