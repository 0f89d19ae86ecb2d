import { nowIso } from '#shared/clock';
import { invocation } from '#shared/invocation';
import { checkCover, type CoverCheckSummary } from '#functions/supply/cover-check';

/** The hourly `cover-check` job (EventBridge Scheduler in AWS; croner locally; `npm run job -- cover-check`). */
export async function run(event: { job?: string; scheduledTime?: string } = {}): Promise<CoverCheckSummary> {
  return checkCover(event.scheduledTime ?? nowIso());
}

export const handler = invocation(run);
