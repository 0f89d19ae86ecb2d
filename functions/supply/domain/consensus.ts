/**
 * Consensus demand and inventory cover: pure rules, no I/O.
 *
 * Weighting by forecast value added (FVA). For every past period with an actual, the job knows what each
 * source had said before the period began: the statistical forecast stored at the latest origin before it, and
 * the partner's commit version in force before it started. Over the periods where both said something (the
 * most recent `TRACK_PERIODS`), each source's mean absolute error gives an inverse-error weight:
 *
 *   w_partner = (1 / MAE_partner) / (1 / MAE_partner + 1 / MAE_stat)
 *
 * shrunk towards equal weights by `PRIOR_PERIODS` pseudo-periods, so three lucky months cannot hand one source
 * the whole say: w = (n * w_measured + k * 0.5) / (n + k). Without a track record (n = 0) the weights are
 * 0.5 / 0.5: an equal-weight combination is the standard, hard-to-beat default in the forecasting literature.
 * FVA itself is reported as (MAE_stat - MAE_partner) / MAE_stat: positive when the partner's judgement improved
 * on the statistics.
 */

export const TRACK_PERIODS = 12;
export const PRIOR_PERIODS = 3;

export interface TrackPoint {
  period: string;
  actual: number;
  stat?: number | undefined;
  partner?: number | undefined;
}

export interface Weights {
  stat: number;
  partner: number;
  /** Periods where both sources and the actual were known. */
  periods: number;
  statMae: number | null;
  partnerMae: number | null;
  /** (MAE_stat - MAE_partner) / MAE_stat; null without a track record or when the statistics were perfect. */
  valueAdded: number | null;
  basis: 'track-record' | 'default';
}

export function consensusWeights(track: readonly TrackPoint[]): Weights {
  const both = track
    .filter((t): t is TrackPoint & { stat: number; partner: number } => t.stat !== undefined && t.partner !== undefined)
    .sort((a, b) => a.period.localeCompare(b.period))
    .slice(-TRACK_PERIODS);
  if (both.length === 0) {
    return { stat: 0.5, partner: 0.5, periods: 0, statMae: null, partnerMae: null, valueAdded: null, basis: 'default' };
  }
  const statMae = both.reduce((s, t) => s + Math.abs(t.actual - t.stat), 0) / both.length;
  const partnerMae = both.reduce((s, t) => s + Math.abs(t.actual - t.partner), 0) / both.length;
  // A perfect source (MAE 0) would take an infinite weight: floor the errors at a hair above zero.
  const floor = 1e-9 + 1e-6 * Math.max(1, ...both.map((t) => Math.abs(t.actual)));
  const inverse = (mae: number) => 1 / Math.max(mae, floor);
  const measured = inverse(partnerMae) / (inverse(partnerMae) + inverse(statMae));
  const n = both.length;
  const partner = (n * measured + PRIOR_PERIODS * 0.5) / (n + PRIOR_PERIODS);
  return {
    stat: round(1 - partner, 4),
    partner: round(partner, 4),
    periods: n,
    statMae: round(statMae, 3),
    partnerMae: round(partnerMae, 3),
    valueAdded: statMae > 0 ? round((statMae - partnerMae) / statMae, 4) : null,
    basis: 'track-record',
  };
}

export interface ConsensusPoint {
  period: string;
  units: number;
  stat: number;
  partner?: number;
}

/** Per period: the weighted mean where the partner committed a number, the statistical forecast elsewhere. */
export function consensus(
  stat: readonly { period: string; point: number }[],
  partner: ReadonlyMap<string, number>,
  weights: Pick<Weights, 'stat' | 'partner'>,
): ConsensusPoint[] {
  return stat.map(({ period, point }) => {
    const committed = partner.get(period);
    if (committed === undefined) return { period, units: round(point, 2), stat: round(point, 2) };
    return {
      period,
      units: round(weights.stat * point + weights.partner * committed, 2),
      stat: round(point, 2),
      partner: committed,
    };
  });
}

/** Average daily demand over the first `days` days of a forecast (periods of known length in days). */
export function dailyDemand(points: readonly { units: number; days: number }[], days = 30): number {
  let remaining = days;
  let units = 0;
  for (const p of points) {
    if (remaining <= 0) break;
    const take = Math.min(remaining, p.days);
    units += (p.units * take) / p.days;
    remaining -= take;
  }
  const covered = days - Math.max(0, remaining);
  return covered > 0 ? units / covered : 0;
}

export interface Cover {
  available: number;
  dailyDemand: number;
  /** null when there is no demand: stock lasts indefinitely. */
  daysOfCover: number | null;
  leadTimeDays: number;
  belowLeadTime: boolean;
  /**
   * Units to order now so that stock (available plus what is already inbound within the lead time) covers
   * the lead time plus a review period of demand: max(0, ceil(demand * (lead + review) - available - inbound)).
   */
  suggestedReplenishment: number;
}

export const REVIEW_PERIOD_DAYS = 14;

export function cover(input: {
  available: number;
  inboundWithinLeadTime: number;
  dailyDemand: number;
  leadTimeDays: number;
  reviewDays?: number;
}): Cover {
  const { available, dailyDemand: demand, leadTimeDays } = input;
  const daysOfCover = demand > 0 ? round(Math.max(0, available) / demand, 1) : null;
  const target = demand * (leadTimeDays + (input.reviewDays ?? REVIEW_PERIOD_DAYS));
  return {
    available,
    dailyDemand: round(demand, 3),
    daysOfCover,
    leadTimeDays,
    belowLeadTime: daysOfCover !== null && daysOfCover < leadTimeDays,
    suggestedReplenishment: Math.max(0, Math.ceil(target - available - input.inboundWithinLeadTime)),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
