import { ulid } from 'ulid';
import type * as z from 'zod';
import { PartnerUserAdded, PartnerUserRemoved, PartnerUserUpdated } from '#functions/partners/events';
import { outboxEvent } from '#events/outbox';
import { nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit, type Write } from '#shared/db/commit';
import { diffFields, editVersioned, newEntityMeta } from '#shared/db/edit';
import { definedOnly } from '#shared/domain/common';
import { getItem, toEntity, type Page } from '#shared/db/repository';
import { listPartnerItems } from '#shared/db/partner-items';
import {
  memberSnapshot,
  type CreateMemberInput,
  type Member,
  type UpdateMemberInput,
} from '#functions/partners/domain/member';
import { claimEmail, EmailClaimEntity, MemberEntity, membersOf, type EmailHolder } from '#functions/partners/entities';
import { ConflictError, NotFoundError } from '#shared/errors';
import { getPartner } from '#functions/partners/partners';

/**
 * A partner's people. Each person is a membership under the partner's partition plus a claim on their
 * e-mail address (one account per address across the program, as in the user pool). Removing a person
 * disables the membership (history stays) and releases the address.
 */

const notFound = () => new NotFoundError('User not found');

/** The claim on the address failed; `explainTaken` turns it into what the caller may learn. */
class AddressTaken extends ConflictError {}
const emailTaken = () => new AddressTaken('The e-mail address is taken');

/**
 * Who holds an address is another partner's business. A partner's administrator gets one answer whatever the
 * address is held by (another partner's person, a former person of an offboarded partner, whose address stays
 * claimed): nothing tells those apart. Only its own people are named, which it can list anyway. The vendor
 * sees the holder.
 */
async function explainTaken(ctx: OperationContext, partnerId: string, email: string): Promise<ConflictError> {
  const claim = await getItem<EmailHolder>(EmailClaimEntity.key({ email }));
  const field = (message: string) => ({ errors: [{ path: 'body.email', message }] });
  if (claim && (ctx.actor.role === 'admin' || ctx.actor.role === 'manager')) {
    return new ConflictError(
      `${email} is already the address of user ${claim.userId} of partner ${claim.partnerId}`,
      field('already in use'),
    );
  }
  if (claim?.partnerId === partnerId) {
    return new ConflictError(
      `${email} is already the address of one of your people (user ${claim.userId})`,
      field('already in use'),
    );
  }
  return new ConflictError(
    'This e-mail address cannot be added. Ask the person for another address, or ask your partner manager.',
    field('cannot be added'),
  );
}

/** Runs a change, turning a failed address claim into the answer the caller may see. */
async function claiming<T>(
  ctx: OperationContext,
  partnerId: string,
  email: string,
  change: () => Promise<T>,
): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof AddressTaken) throw await explainTaken(ctx, partnerId, email);
    throw error;
  }
}

export async function listMembers(
  partnerId: string,
  status: Member['status'] | undefined,
  page: { limit: number; cursor?: string },
): Promise<Page<Member>> {
  return listPartnerItems<Member>(partnerId, membersOf(partnerId), { status }, page, { newestFirst: false });
}

export async function addMember(
  ctx: OperationContext,
  partnerId: string,
  input: z.infer<typeof CreateMemberInput>,
): Promise<Member> {
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded') throw new ConflictError('The partner is offboarded: it can have no new people');
  const id = ulid(nowMs());
  const member: Member = { id, partnerId, ...input, status: 'active', ...newEntityMeta(ctx) };
  await claiming(ctx, partnerId, member.email, () =>
    commit(ctx, {
      writes: [
        MemberEntity.put(member, { ifAbsent: true }),
        claimEmail(member.email, { partnerId, userId: id }, emailTaken),
      ],
      audit: {
        action: 'user.added',
        entityType: 'user',
        entityId: id,
        partnerId,
        note: `${member.email} as ${member.role}`,
      },
      events: [outboxEvent(ctx, PartnerUserAdded, partnerId, { user: memberSnapshot(member) })],
    }),
  );
  return member;
}

export async function updateMember(
  ctx: OperationContext,
  partnerId: string,
  userId: string,
  expectedVersion: number,
  input: z.infer<typeof UpdateMemberInput>,
): Promise<Member> {
  return applyChange(ctx, await getMember(partnerId, userId), expectedVersion, input);
}

async function applyChange(
  ctx: OperationContext,
  current: Member,
  expectedVersion: number,
  input: z.infer<typeof UpdateMemberInput>,
): Promise<Member> {
  const { partnerId, id: userId } = current;
  const changed = Object.keys(diffFields(current, input));
  const after: Member = { ...current, ...definedOnly(input) };
  const removed = current.status === 'active' && after.status === 'disabled';
  return claiming(ctx, partnerId, current.email, () =>
    editVersioned<Member>(ctx, {
      entity: MemberEntity,
      what: 'user',
      current,
      expectedVersion,
      set: input,
      audit: { action: removed ? 'user.disabled' : 'user.updated', entityType: 'user', entityId: userId, partnerId },
      writes: emailClaimWrites(current, after),
      events: (next) => [
        removed
          ? outboxEvent(ctx, PartnerUserRemoved, partnerId, { user: memberSnapshot(next) })
          : outboxEvent(ctx, PartnerUserUpdated, partnerId, { user: memberSnapshot(next), changed }),
      ],
      notFound,
    }),
  );
}

/** DELETE: the person loses access; the membership stays, disabled, for the record. */
export async function removeMember(
  ctx: OperationContext,
  partnerId: string,
  userId: string,
  expectedVersion: number,
): Promise<void> {
  const current = await getMember(partnerId, userId);
  if (current.status === 'disabled') throw new ConflictError('The user is already removed');
  await applyChange(ctx, current, expectedVersion, { status: 'disabled' });
}

export async function getMember(partnerId: string, userId: string): Promise<Member> {
  const item = await getItem<Member>(MemberEntity.key({ partnerId, id: userId }));
  if (!item) throw notFound();
  return toEntity<Member>(item);
}

/** Disabling releases the e-mail address; re-enabling claims it again (409 if someone else took it). */
function emailClaimWrites(before: Member, after: Member): Write[] {
  if (before.status === after.status) return [];
  if (after.status === 'disabled') return [{ kind: 'delete', key: EmailClaimEntity.key({ email: before.email }) }];
  return [claimEmail(after.email, { partnerId: after.partnerId, userId: after.id }, emailTaken)];
}
