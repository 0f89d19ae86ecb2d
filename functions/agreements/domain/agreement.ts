import * as z from 'zod';
import { EntityMeta, Id, PageQuery, text } from '#shared/domain/common';
import { Terms } from '#functions/agreements/domain/terms';
import { SlaTerm } from '#functions/performance/index';
import type { Role } from '#shared/auth/roles';
import { ConflictError, ForbiddenError } from '#shared/errors';

export const agreementKinds = [
  'reseller',
  'distribution',
  'supply',
  'service',
  'joint-venture',
  'revenue-share',
  'nda',
] as const;
export const agreementStatuses = ['draft', 'negotiating', 'active', 'terminated', 'expired'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/** The two parties. Vendor staff act for the vendor, partner people for their partner. */
export type Side = 'vendor' | 'partner';
export const sideOf = (role: Role | 'system'): Side =>
  role === 'partner-admin' || role === 'partner-user' ? 'partner' : 'vendor';
export const otherSide = (side: Side): Side => (side === 'vendor' ? 'partner' : 'vendor');

export const SignatureSchema = z.object({
  version: z.number().int(),
  by: z.string(),
  role: z.string(),
  at: z.string(),
});
export type Signature = z.infer<typeof SignatureSchema>;

export const AgreementSchema = z.object({
  id: Id,
  partnerId: Id,
  kind: z.enum(agreementKinds),
  title: z.string(),
  status: z.enum(agreementStatuses),
  /** The newest proposal's number: the only version that can be signed. */
  currentVersion: z.number().int(),
  signatures: z.object({ vendor: SignatureSchema.optional(), partner: SignatureSchema.optional() }),
  /** Set on activation: the version both sides signed, and the dates it runs between. */
  activeVersion: z.number().int().optional(),
  effectiveAt: z.string().optional(),
  expiresAt: z.string().optional(),
  termination: z.object({ reason: z.string(), effectiveAt: z.string(), by: z.string() }).optional(),
  slaIds: z.array(z.string()).optional(),
  ...EntityMeta,
});
export type Agreement = z.infer<typeof AgreementSchema>;

export const VersionSchema = z.object({
  agreementId: Id,
  number: z.number().int(),
  summary: z.string(),
  terms: Terms,
  proposedBy: z.object({ side: z.enum(['vendor', 'partner']), sub: z.string(), role: z.string() }),
  proposedAt: z.string(),
  /** A proposal answering the other side's latest one. */
  counterProposal: z.boolean(),
});
export type AgreementVersion = z.infer<typeof VersionSchema>;

export const CreateAgreementInput = z.strictObject({
  kind: z.enum(agreementKinds),
  title: text(200),
  summary: text(2000).default('Initial draft'),
  terms: Terms,
});
export const ProposalInput = z.strictObject({ summary: text(2000), terms: Terms });
export const SignatureInput = z.strictObject({ version: z.number().int().min(1) });
export const TerminateInput = z.strictObject({ reason: text(1000), effectiveAt: z.iso.datetime() });

export const AgreementParams = z.strictObject({ partnerId: Id, agreementId: Id });
export const VersionParams = z.strictObject({
  partnerId: Id,
  agreementId: Id,
  n: z.coerce.number().int().min(1).max(9999),
});
export const DiffQuery = z.strictObject({ against: z.coerce.number().int().min(1).max(9999) });
export const ListAgreementsQuery = z.strictObject({ status: z.enum(agreementStatuses).optional(), ...PageQuery });
/** The program's agreements: the vendor's across partners (or one partner's), a partner person's own. */
export const ListProgramAgreementsQuery = z.strictObject({
  status: z.enum(agreementStatuses).optional(),
  partnerId: Id.optional(),
  ...PageQuery,
});

/** Who may sign for each side: vendor admins and managers, a partner's admins. */
export function assertMaySign(role: Role): void {
  if (role === 'partner-user') throw new ForbiddenError('Only a partner-admin signs for the partner');
}

export function assertNegotiable(agreement: Agreement): void {
  if (agreement.status !== 'draft' && agreement.status !== 'negotiating') {
    throw new ConflictError(`The agreement is ${agreement.status}: it can no longer be negotiated or signed`);
  }
}

/** SLA definitions materialized from the active version's SLA terms. */
export type MaterializedSla = SlaTerm & {
  id: string;
  partnerId: string;
  agreementId: string;
  agreementVersion: number;
};
