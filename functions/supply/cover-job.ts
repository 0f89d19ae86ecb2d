import { nowIso } from '#shared/clock';
import { invocation } from '#shared/invocation';
import { checkNetworkCover, type CoverCheckSummary } from '#functions/supply/network-cover';

/** The hourly `cover-check` job (EventBridge Scheduler in AWS; croner locally; `npm run job -- cover-check`). */
export async function run(event: { job?: string; scheduledTime?: string } = {}): Promise<CoverCheckSummary> {
  return checkNetworkCover(event.scheduledTime ?? nowIso());
}

export const handler = invocation(run);
