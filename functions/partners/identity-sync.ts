import {
  PartnerStatusChanged,
  PartnerUserAdded,
  PartnerUserRemoved,
  PartnerUserUpdated,
} from '#functions/partners/events';
import { consumer, on } from '#events/consumer';
import { queryAll } from '#shared/db/repository';
import type { Member } from '#functions/partners/domain/member';
import { membersOf } from '#functions/partners/entities';
import { directory, type DirectoryUser } from '#shared/identity/directory';
import { invocation } from '#shared/invocation';

/**
 * Mirrors partner people into the sign-in directory (Cognito in AWS). Driven by events so a slow or failing
 * user pool never fails the API call; retries and the DLQ take care of outages. Every step is idempotent.
 */
export const handler = invocation(
  consumer(
    'identity-sync',
    on(PartnerUserAdded, async ({ partnerId, data }) => {
      await directory().provision(toDirectoryUser(partnerId!, data.user));
    }),
    on(PartnerUserUpdated, async ({ partnerId, data }) => {
      const user = toDirectoryUser(partnerId!, data.user);
      if (data.changed.includes('status') && data.user.status === 'active') await directory().enable(user.userId);
      if (data.changed.includes('role')) {
        // There are two partner roles: a changed role was the other one.
        const from = user.role === 'partner-admin' ? 'partner-user' : 'partner-admin';
        await directory().changeRole(user, from);
      }
      if (data.changed.includes('name')) await directory().updateProfile(user);
    }),
    on(PartnerUserRemoved, async ({ data }) => {
      await directory().disable(data.user.id);
    }),
    // An offboarded partner's people lose their sign-in; the memberships stay for the record.
    on(PartnerStatusChanged, async ({ partnerId, data }) => {
      if (data.to !== 'offboarded' || !partnerId) return;
      const { PK, skPrefix } = membersOf(partnerId);
      for await (const members of queryAll<Member>({ partition: PK, sort: { beginsWith: skPrefix }, limit: 100 })) {
        for (const member of members) await directory().disable(member.id);
      }
    }),
  ),
);

function toDirectoryUser(
  partnerId: string,
  user: { id: string; email: string; name: string; role: DirectoryUser['role'] },
): DirectoryUser {
  return { userId: user.id, partnerId, email: user.email, name: user.name, role: user.role };
}
