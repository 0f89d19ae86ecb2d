import { getItems, queryAll, queryPage } from '#shared/db/repository';
import { inboxPartition, type Alert } from '#functions/alerts/index';
import {
  complianceBucket,
  complianceBuckets,
  healthBand,
  healthBandScores,
  healthBands,
  type ComplianceBucket,
  type HealthBand,
  type Scorecard,
} from '#functions/performance/domain/scorecard-schema';
import { PartnerEntity, type Partner } from '#functions/partners/index';
import { ScorecardEntity, scorecardsScoreRange } from '#functions/performance/entities';
import { currentPeriod } from '#functions/performance/scorecards';

const WORST = 10;

/**
 * The vendor's dashboard: partners by health band, SLA compliance across the program, open alerts by severity
 * and the ten partners in the worst shape. Read from the stored scorecards (GSI1, ranked by health) and the
 * open-alert index, plus one BatchGetItem for the worst partners' names: 3 requests at any number of partners
 * (more only when a page of scorecards or open alerts runs past 1 MB).
 */
export async function dashboard() {
  const period = currentPeriod();
  const cards: Scorecard[] = [];
  for await (const page of queryAll<Scorecard>({
    index: 'GSI1',
    partition: ScorecardEntity.indexes.byHealth.pk({ period }),
    limit: 100,
  }))
    cards.push(...page);

  const partnersByHealth = Object.fromEntries(healthBands.map((b) => [b, 0])) as Record<
    (typeof healthBands)[number],
    number
  >;
  const slaCompliance = Object.fromEntries(complianceBuckets.map((b) => [b, 0])) as Record<
    (typeof complianceBuckets)[number],
    number
  >;
  for (const card of cards) {
    partnersByHealth[healthBand(card.healthScore)] += 1;
    for (const sla of card.slas) if (sla.compliance !== undefined) slaCompliance[complianceBucket(sla.compliance)] += 1;
  }

  const openAlerts = { critical: 0, warning: 0, info: 0 };
  const openCritical = new Map<string, number>();
  for await (const page of queryAll<Alert>({ index: 'GSI2', partition: inboxPartition('open'), limit: 100 })) {
    for (const alert of page) {
      openAlerts[alert.severity] += 1;
      if (alert.severity === 'critical' && alert.partnerId)
        openCritical.set(alert.partnerId, (openCritical.get(alert.partnerId) ?? 0) + 1);
    }
  }

  // GSI1 sorts by score ascending (partners without data last): the worst come first.
  const worstCards = cards.filter((c) => c.healthScore !== undefined).slice(0, WORST);
  const partners = await getItems<Partner>(
    worstCards.map((card) => PartnerEntity.key({ id: card.partnerId })),
    { attributes: ['id', 'name'] },
  );
  const names = new Map(partners.map((p) => [p.id, p.name] as const));
  const worst = worstCards.map((card) => ({
    partnerId: card.partnerId,
    name: names.get(card.partnerId) ?? card.partnerId,
    healthScore: card.healthScore,
    openCritical: openCritical.get(card.partnerId) ?? 0,
  }));
  const scoredAt = cards
    .map((c) => c.computedAt)
    .sort()
    .pop();
  return { period, ...(scoredAt ? { scoredAt } : {}), partnersByHealth, slaCompliance, openAlerts, worst };
}

export interface PartnerHealthFilter {
  period: string;
  health?: HealthBand | undefined;
  compliance?: ComplianceBucket | undefined;
}

/**
 * The partners behind a dashboard figure: a month's scorecards, worst first, in one health band (a key range of
 * GSI1, so a page costs one Query) or with an SLA in one compliance bucket (filtered per page: a page may hold
 * fewer than `limit` and still have a next one), with the partners' names from one BatchGetItem.
 */
export async function partnerHealth(filter: PartnerHealthFilter, page: { limit: number; cursor?: string }) {
  const band = filter.health;
  const { items: cards, nextCursor } = await queryPage<Scorecard>({
    index: 'GSI1',
    partition: ScorecardEntity.indexes.byHealth.pk({ period: filter.period }),
    ...(band ? { sort: scorecardsScoreRange(band === 'no-data' ? undefined : healthBandScores[band]) } : {}),
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
    scope: filter.compliance ?? '',
  });
  const shown = filter.compliance
    ? cards.filter((card) =>
        card.slas.some((sla) => sla.compliance !== undefined && complianceBucket(sla.compliance) === filter.compliance),
      )
    : cards;
  const partners = await getItems<Partner>(
    shown.map((card) => PartnerEntity.key({ id: card.partnerId })),
    { attributes: ['id', 'name'] },
  );
  const names = new Map(partners.map((p) => [p.id, p.name] as const));
  const items = shown.map((card) => {
    const compliances = card.slas.flatMap((sla) => (sla.compliance === undefined ? [] : [sla.compliance]));
    return {
      partnerId: card.partnerId,
      name: names.get(card.partnerId) ?? card.partnerId,
      ...(card.healthScore !== undefined ? { healthScore: card.healthScore } : {}),
      health: healthBand(card.healthScore),
      slasScored: compliances.length,
      ...(compliances.length ? { lowestCompliance: Math.min(...compliances) } : {}),
      openAlerts: card.alerts.open,
      computedAt: card.computedAt,
    };
  });
  return { period: filter.period, items, ...(nextCursor ? { nextCursor } : {}) };
}
