import { consensus, consensusWeights, cover, dailyDemand } from '#functions/supply/domain/consensus';

// unit: consensus weighting by forecast value added, days of cover and replenishment (pure).
describe('consensus weights', () => {
  it('defaults to equal weights without a track record', () => {
    expect(consensusWeights([{ period: '2026-01', actual: 10, stat: 9 }])).toMatchObject({
      stat: 0.5,
      partner: 0.5,
      basis: 'default',
      periods: 0,
    });
  });

  it('leans towards the more accurate source, shrunk towards equal weights', () => {
    const track = Array.from({ length: 12 }, (_, i) => ({
      period: `2025-${String(i + 1).padStart(2, '0')}`,
      actual: 100,
      stat: 120,
      partner: 105,
    }));
    const w = consensusWeights(track);
    // Inverse MAE: partner 1/5, stat 1/20 -> 0.8 measured; with 3 pseudo-periods at 0.5: (12*0.8+3*0.5)/15 = 0.74.
    expect(w.partner).toBeCloseTo(0.74, 4);
    expect(w.stat).toBeCloseTo(0.26, 4);
    expect(w.valueAdded).toBeCloseTo(0.75, 4);
    expect(w.basis).toBe('track-record');
  });

  it('mixes per period and keeps the statistics where the partner said nothing', () => {
    const points = consensus(
      [
        { period: 'a', point: 100 },
        { period: 'b', point: 80 },
      ],
      new Map([['a', 200]]),
      { stat: 0.5, partner: 0.5 },
    );
    expect(points).toEqual([
      { period: 'a', units: 150, stat: 100, partner: 200 },
      { period: 'b', units: 80, stat: 80 },
    ]);
  });
});

describe('cover', () => {
  it('averages daily demand over the next 30 days', () => {
    expect(
      dailyDemand([
        { units: 310, days: 31 },
        { units: 300, days: 30 },
      ]),
    ).toBeCloseTo(10, 6);
  });

  it('flags cover below lead time and suggests what to order', () => {
    const c = cover({ available: 100, inboundWithinLeadTime: 50, dailyDemand: 10, leadTimeDays: 21 });
    expect(c.daysOfCover).toBe(10);
    expect(c.belowLeadTime).toBe(true);
    // 10/day x (21 + 14 review days) = 350, minus 100 available and 50 inbound.
    expect(c.suggestedReplenishment).toBe(200);
    expect(cover({ available: 100, inboundWithinLeadTime: 0, dailyDemand: 0, leadTimeDays: 5 })).toMatchObject({
      daysOfCover: null,
      belowLeadTime: false,
      suggestedReplenishment: 0,
    });
  });
});
