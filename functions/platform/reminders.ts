import { nowMs } from '#shared/clock';
import { systemContext } from '#shared/context';
import { invocation } from '#shared/invocation';
import { logger } from '#shared/log';
import { processAgreementExpiry, type ExpirySummary } from '#functions/agreements/index';
import { processCollaborationReminders, type CollaborationSummary } from '#functions/collaboration/index';
import { processOnboardingReminders, type OnboardingSummary } from '#functions/partners/index';

export interface RemindersSummary extends ExpirySummary, CollaborationSummary, OnboardingSummary {
  job: 'reminders';
}

/**
 * Hourly reminders, each context's own: agreements expiring and ending, collaboration's milestones, check-ins,
 * disputes and disclosures, partners stalled in onboarding. Each reminder is a once-marker written in the same
 * transaction as its event, so running the job twice (or concurrently) never sends the same reminder twice.
 */
export async function run(event: { job?: string; scheduledTime?: string } = {}): Promise<RemindersSummary> {
  const ctx = systemContext('reminders', event.scheduledTime ?? new Date(nowMs()).toISOString());
  const summary: RemindersSummary = {
    job: 'reminders',
    ...(await processAgreementExpiry(ctx)),
    ...(await processCollaborationReminders(ctx)),
    ...(await processOnboardingReminders(ctx)),
  };
  logger.info('reminders done', { ...summary });
  return summary;
}

export const handler = invocation(run);
