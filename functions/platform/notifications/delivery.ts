import { on } from '#events/consumer';
import { getItem, queryAll } from '#shared/db/repository';
import { membersOf, PartnerEntity, type Member, type Partner } from '#functions/partners/index';
import { logger } from '#shared/log';
import { deliver } from '#shared/notify/deliver';
import type { Audience, NotificationTemplate } from '#shared/notify/template';

/**
 * Delivers a template's message: reads the partner once (its name for the text, its owner manager for the
 * vendor side), finds the partner side's active partner-admins, and hands the message to the notification port
 * (shared/notify/deliver.ts): SES e-mail and the SNS integrations topic in AWS, the local outbox locally.
 */

/** Who hears of a partner without an owner manager; not an address, so it reaches the integrations topic only. */
const PARTNER_TEAM = 'partner-team';

/** What a program alert (no partner) calls the partner in its messages. */
const NETWORK = 'Partner network';

/** The consumer route that delivers one template's notification. */
export function delivering({ definition, plan }: NotificationTemplate) {
  return on(definition, async (envelope) => {
    const planned = plan(envelope);
    const { partnerId, audience } = planned;
    const partner = partnerId ? await getItem<Partner>(PartnerEntity.key({ id: partnerId })) : undefined;
    const { subject, text } = 'message' in planned ? planned.message(partner?.name ?? partnerId ?? NETWORK) : planned;
    const to = partnerId ? await recipients(partnerId, partner, audience) : [PARTNER_TEAM];
    await deliver({
      event: definition.detailType,
      eventId: envelope.eventId,
      ...(partnerId ? { partnerId } : {}),
      to,
      subject,
      text,
    });
    logger.info('notification sent', { event: definition.detailType, partnerId, subject, recipients: to.length });
  });
}

async function recipients(partnerId: string, partner: Partner | undefined, audience: Audience): Promise<string[]> {
  const to: string[] = [];
  if (audience !== 'partner') to.push(partner?.ownerManager ?? PARTNER_TEAM);
  if (audience !== 'vendor') {
    const { PK, skPrefix } = membersOf(partnerId);
    for await (const members of queryAll<Member>({
      partition: PK,
      sort: { beginsWith: skPrefix },
      equals: { status: 'active', role: 'partner-admin' },
      limit: 100,
    })) {
      to.push(...members.map((m) => m.email));
    }
  }
  return to;
}
