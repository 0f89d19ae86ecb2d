import type { OperationContext } from '#shared/context';
import { processCheckIns, type CheckInJobSummary } from '#functions/collaboration/check-ins';
import { flagStaleDisclosures } from '#functions/collaboration/disclosures';
import { escalateOverdueDisputes } from '#functions/collaboration/disputes';
import { remindOverdueMilestones } from '#functions/collaboration/objectives';

export interface CollaborationSummary extends CheckInJobSummary {
  objectivesChecked: number;
  milestonesOverdue: number;
  disputesChecked: number;
  escalated: number;
  disclosuresChecked: number;
  staleFlagged: number;
}

/**
 * The collaboration context's part of the hourly reminders job. Each step reads a sparse index of what is due
 * (one Query per page) and acts once per subject (once-markers or versioned updates in the same transaction
 * as the event), so a second run in the same hour does nothing.
 */
export async function processCollaborationReminders(ctx: OperationContext): Promise<CollaborationSummary> {
  const milestones = await remindOverdueMilestones(ctx);
  const checkIns = await processCheckIns(ctx);
  const disputes = await escalateOverdueDisputes(ctx);
  const disclosures = await flagStaleDisclosures(ctx);
  return { ...milestones, ...checkIns, ...disputes, ...disclosures };
}
