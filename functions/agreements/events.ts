import * as z from 'zod';
import { defineEvent } from '#events/envelope';
import { sources } from '#events/sources';

// The agreements context's events: source and detail-type constants with a zod schema for each detail's data.

const AgreementSnapshot = z.object({
  id: z.string(),
  partnerId: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.string(),
});

export const AgreementProposed = defineEvent(
  sources.agreements,
  'AgreementProposed',
  z.object({
    agreement: AgreementSnapshot,
    version: z.number().int(),
    side: z.enum(['vendor', 'partner']),
    counterProposal: z.boolean(),
    summary: z.string(),
  }),
);

export const AgreementSigned = defineEvent(
  sources.agreements,
  'AgreementSigned',
  z.object({ agreement: AgreementSnapshot, version: z.number().int(), side: z.enum(['vendor', 'partner']) }),
);

export const AgreementActivated = defineEvent(
  sources.agreements,
  'AgreementActivated',
  z.object({
    agreement: AgreementSnapshot,
    version: z.number().int(),
    effectiveAt: z.string(),
    expiresAt: z.string(),
    slaIds: z.array(z.string()),
  }),
);

export const AgreementTerminated = defineEvent(
  sources.agreements,
  'AgreementTerminated',
  z.object({ agreement: AgreementSnapshot, reason: z.string(), effectiveAt: z.string(), immediate: z.boolean() }),
);

export const AgreementExpiring = defineEvent(
  sources.agreements,
  'AgreementExpiring',
  z.object({
    agreement: AgreementSnapshot,
    expiresAt: z.string(),
    daysLeft: z.number().int(),
    notice: z.number().int(),
  }),
);

export const AgreementExpired = defineEvent(
  sources.agreements,
  'AgreementExpired',
  z.object({ agreement: AgreementSnapshot, expiredAt: z.string() }),
);

export const AgreementRenewed = defineEvent(
  sources.agreements,
  'AgreementRenewed',
  z.object({ agreement: AgreementSnapshot, expiresAt: z.string() }),
);

export const RiskRaised = defineEvent(
  sources.agreements,
  'RiskRaised',
  z.object({
    risk: z.object({
      id: z.string(),
      title: z.string(),
      category: z.string(),
      score: z.number(),
      raisedBy: z.enum(['vendor', 'partner']),
    }),
  }),
);

/** Every event this context emits. */
export const agreementsEvents = [
  AgreementProposed,
  AgreementSigned,
  AgreementActivated,
  AgreementTerminated,
  AgreementExpiring,
  AgreementExpired,
  AgreementRenewed,
  RiskRaised,
];
