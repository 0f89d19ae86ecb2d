import { PartnerOnboardingStalled } from '#functions/partners/events';
import { outboxEvent } from '#events/outbox';
import { nowMs } from '#shared/clock';
import { systemContext } from '#shared/context';
import { commit, put } from '#shared/db/commit';
import { keys } from '#shared/db/keys';
import { queryAll } from '#shared/db/repository';
import { ConflictError } from '#shared/errors';
import { partnerSnapshot, type Partner } from '#functions/partners/domain/partner';
import { logger } from '#shared/log';
import { processAgreementExpiry, type ExpirySummary } from '#functions/agreements/expiry';
import { processCollaborationReminders, type CollaborationSummary } from '#functions/collaboration/jobs';
import { invocation } from '#shared/invocation';

/** A partner still onboarding after this many days gets its owner a reminder (once per onboarding). */
export const ONBOARDING_STALL_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

class AlreadyReminded extends ConflictError {}

export interface RemindersSummary extends ExpirySummary, CollaborationSummary {
  job: 'reminders';
  /** Partners onboarding, and those reminded of a stalled onboarding now. */
  checked: number;
  reminded: number;
}

/**
 * Hourly reminders: agreements expiring and ending (functions/agreements/expiry.ts), partners stalled in
 * onboarding. Each reminder is a "once" marker written in the same transaction as its event, so running
 * the job twice (or concurrently) never sends the same reminder twice.
 */
export async function run(event: { job?: string; scheduledTime?: string } = {}): Promise<RemindersSummary> {
  const ctx = systemContext('reminders', event.scheduledTime ?? new Date(nowMs()).toISOString());
  const summary: RemindersSummary = {
    job: 'reminders',
    checked: 0,
    reminded: 0,
    ...(await processAgreementExpiry(ctx)),
    ...(await processCollaborationReminders(ctx)),
  };
  const onboarding = queryAll<Partner>({
    index: 'GSI2',
    partition: keys.partnersByStatusPartition('onboarding'),
    limit: 100,
  });
  for await (const partners of onboarding) {
    for (const partner of partners) {
      summary.checked += 1;
      const days = Math.floor((nowMs() - Date.parse(partner.statusChangedAt)) / DAY_MS);
      if (days < ONBOARDING_STALL_DAYS) continue;
      if (await remindOnce(ctx, partner, days)) summary.reminded += 1;
    }
  }
  logger.info('reminders done', { ...summary });
  return summary;
}

async function remindOnce(ctx: ReturnType<typeof systemContext>, partner: Partner, days: number): Promise<boolean> {
  // One reminder per onboarding period: the marker names the moment onboarding started.
  const subject = `${partner.id}#${partner.statusChangedAt}`;
  try {
    await commit(ctx, {
      writes: [
        put(
          { ...keys.once('onboarding-stalled', subject), type: 'Once', at: new Date(nowMs()).toISOString() },
          { ifAbsent: true, onConflict: () => new AlreadyReminded('already reminded') },
        ),
      ],
      audit: {
        action: 'partner.onboarding-stalled',
        entityType: 'partner',
        entityId: partner.id,
        partnerId: partner.id,
        note: `onboarding for ${days} days`,
      },
      events: [
        outboxEvent(ctx, PartnerOnboardingStalled, partner.id, {
          partner: partnerSnapshot(partner),
          onboardingSince: partner.statusChangedAt,
          days,
        }),
      ],
    });
    return true;
  } catch (error) {
    if (error instanceof AlreadyReminded) return false;
    throw error;
  }
}

export const handler = invocation(run);
