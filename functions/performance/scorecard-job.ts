import { nowMs } from '#shared/clock';
import { systemContext } from '#shared/context';
import { queryAll } from '#shared/db/repository';
import { PartnerEntity, type Partner } from '#functions/partners/index';
import { logger } from '#shared/log';
import { computeScorecard, currentPeriod, storeScorecard } from '#functions/performance/scorecards';
import { invocation } from '#shared/invocation';
import { forEachLimited } from '#shared/concurrency';

/** Partners scored at once: each costs one Query per SLA plus one for its alerts. */
const CONCURRENCY = 4;

export interface ScorecardJobSummary {
  job: 'scorecards';
  period: string;
  periods: string[];
  /** Live partners (active, suspended, onboarding): each is scored. */
  partners: number;
  scored: number;
  /** One per partner and period. */
  cardsStored: number;
}

/**
 * Daily: stores this month's scorecard for every live partner (and, on the first days of a month, the month
 * just ended, so its final figures include its last day). Recomputing replaces a stored card: runs are idempotent.
 */
export async function run(event: { job?: string; scheduledTime?: string } = {}): Promise<ScorecardJobSummary> {
  const ctx = systemContext('scorecards', event.scheduledTime ?? new Date(nowMs()).toISOString());
  const period = currentPeriod();
  const periods = new Date(nowMs()).getUTCDate() <= 2 ? [previous(period), period] : [period];
  const partners: Partner[] = [];
  for await (const page of queryAll<Partner>({
    index: 'GSI1',
    partition: PartnerEntity.indexes.byName.pk(),
    limit: 100,
  })) {
    partners.push(
      ...page.filter((p) => p.status === 'active' || p.status === 'suspended' || p.status === 'onboarding'),
    );
  }
  let scored = 0;
  let cardsStored = 0;
  await forEachLimited(partners, CONCURRENCY, async (partner) => {
    for (const p of periods) {
      await storeScorecard(ctx, await computeScorecard(partner.id, p));
      cardsStored += 1;
    }
    scored += 1;
  });
  const summary: ScorecardJobSummary = {
    job: 'scorecards',
    period,
    periods,
    partners: partners.length,
    scored,
    cardsStored,
  };
  logger.info('scorecards stored', { ...summary });
  return summary;
}

function previous(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

export const handler = invocation(run);
