import { outboxEvent } from '#events/outbox';
import { nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commitOnce } from '#shared/db/once';
import { queryAll } from '#shared/db/repository';
import { partnerSnapshot, type Partner } from '#functions/partners/domain/partner';
import { PartnerEntity } from '#functions/partners/entities';
import { PartnerOnboardingStalled } from '#functions/partners/events';

/** A partner still onboarding after this many days gets its owner a reminder (once per onboarding). */
export const ONBOARDING_STALL_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

export interface OnboardingSummary {
  /** Partners onboarding, and those reminded of a stalled onboarding now. */
  checked: number;
  reminded: number;
}

/** The reminders job's partners part: one Query of the onboarding queue (GSI2), a once-marker per reminder. */
export async function processOnboardingReminders(ctx: OperationContext): Promise<OnboardingSummary> {
  const summary: OnboardingSummary = { checked: 0, reminded: 0 };
  const onboarding = queryAll<Partner>({
    index: 'GSI2',
    partition: PartnerEntity.indexes.byStatus.pk({ status: 'onboarding' }),
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
  return summary;
}

function remindOnce(ctx: OperationContext, partner: Partner, days: number): Promise<boolean> {
  // One reminder per onboarding period: the marker names the moment onboarding started.
  return commitOnce(ctx, 'onboarding-stalled', `${partner.id}#${partner.statusChangedAt}`, {
    writes: [],
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
}
