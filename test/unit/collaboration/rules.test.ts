import { addBusinessDays } from '#functions/collaboration/domain/business-days';
import { localToUtc, nextLocalStart } from '#functions/collaboration/domain/check-in';
import { quarterOf, quartersBetween } from '#functions/collaboration/domain/common';
import { DisclosureInput, nextReviewBy, staleItems } from '#functions/collaboration/domain/disclosure';
import { messageAction, nextDisputeStatus } from '#functions/collaboration/domain/dispute';
import { assertFeedbackTransition } from '#functions/collaboration/domain/feedback';
import {
  earliestOpenDue,
  kpiPercent,
  kpiValue,
  milestoneProgress,
  overdueMilestones,
} from '#functions/collaboration/domain/objective';
import { ConflictError } from '#shared/errors';

// unit: the collaboration context's pure rules.
const iso = (ms: number) => new Date(ms).toISOString();

describe('dispute state machine', () => {
  it('follows open -> in-discussion -> resolution-proposed -> resolved', () => {
    expect(nextDisputeStatus('open', 'answer')).toBe('in-discussion');
    expect(nextDisputeStatus('in-discussion', 'propose')).toBe('resolution-proposed');
    expect(nextDisputeStatus('resolution-proposed', 'accept')).toBe('resolved');
    expect(nextDisputeStatus('resolution-proposed', 'answer')).toBe('in-discussion');
  });

  it('escalates any unresolved dispute, lets an escalated one be settled, and ends at resolved', () => {
    for (const from of ['open', 'in-discussion', 'resolution-proposed'] as const)
      expect(nextDisputeStatus(from, 'escalate')).toBe('escalated');
    expect(() => nextDisputeStatus('escalated', 'escalate')).toThrow(ConflictError);
    expect(nextDisputeStatus('escalated', 'accept')).toBe('resolved');
    for (const action of ['answer', 'message', 'propose', 'accept', 'escalate'] as const)
      expect(() => nextDisputeStatus('resolved', action)).toThrow(ConflictError);
    expect(() => nextDisputeStatus('open', 'accept')).toThrow(ConflictError);
  });

  it('reads a message from the side that owes an answer as the answer', () => {
    expect(messageAction({ status: 'open', awaitingSide: 'vendor' }, 'vendor')).toBe('answer');
    expect(messageAction({ status: 'open', awaitingSide: 'vendor' }, 'partner')).toBe('message');
    expect(messageAction({ status: 'escalated', awaitingSide: 'vendor' }, 'vendor')).toBe('message');
  });
});

describe('business days', () => {
  it('skips weekends in the partner’s time zone, keeping the local time of day', () => {
    // Friday 15:00 Berlin + 2 business days = Tuesday 15:00 Berlin.
    expect(iso(addBusinessDays(Date.parse('2026-12-04T14:00:00Z'), 2, 'Europe/Berlin'))).toBe(
      '2026-12-08T14:00:00.000Z',
    );
    // Saturday counts from Monday 00:00.
    expect(iso(addBusinessDays(Date.parse('2026-12-05T10:00:00Z'), 2, 'Europe/Berlin'))).toBe(
      '2026-12-08T23:00:00.000Z',
    );
    // Wednesday + 2 = Friday.
    expect(iso(addBusinessDays(Date.parse('2026-12-02T09:00:00Z'), 2, 'UTC'))).toBe('2026-12-04T09:00:00.000Z');
    // Friday 20:00 UTC is already Saturday in Manila: counts from Monday 00:00 Manila.
    expect(iso(addBusinessDays(Date.parse('2026-12-04T20:00:00Z'), 1, 'Asia/Manila'))).toBe('2026-12-07T16:00:00.000Z');
  });

  it('crosses a daylight-saving change at the same local time', () => {
    // Friday 27 March 2026 10:00 CET -> Monday 30 March 10:00 CEST (08:00 UTC).
    expect(iso(addBusinessDays(Date.parse('2026-03-27T09:00:00Z'), 1, 'Europe/Berlin'))).toBe(
      '2026-03-30T08:00:00.000Z',
    );
  });
});

describe('cadence', () => {
  it('keeps the local time across DST and the day of the month from the series start', () => {
    expect(nextLocalStart('2027-03-22T10:00', 'weekly', 1)).toBe('2027-03-29T10:00');
    expect(nextLocalStart('2027-03-22T10:00', 'biweekly', 2)).toBe('2027-04-19T10:00');
    expect(nextLocalStart('2027-01-31T09:30', 'monthly', 1)).toBe('2027-02-28T09:30');
    expect(nextLocalStart('2027-01-31T09:30', 'monthly', 2)).toBe('2027-03-31T09:30');
    expect(nextLocalStart('2027-11-30T09:30', 'quarterly', 1)).toBe('2028-02-29T09:30');
    expect(iso(localToUtc('2027-03-22T10:00', 'Europe/Berlin'))).toBe('2027-03-22T09:00:00.000Z');
    expect(iso(localToUtc('2027-03-29T10:00', 'Europe/Berlin'))).toBe('2027-03-29T08:00:00.000Z');
    expect(iso(localToUtc('2027-01-14T10:00', 'America/New_York'))).toBe('2027-01-14T15:00:00.000Z');
    // 02:30 does not exist on 28 March 2027 in Berlin: the instant after the gap.
    expect(iso(localToUtc('2027-03-28T02:30', 'Europe/Berlin'))).toBe('2027-03-28T01:30:00.000Z');
  });
});

describe('objectives', () => {
  const milestones = [
    { due: '2027-01-10', status: 'done' as const },
    { due: '2027-01-20', status: 'in-progress' as const },
    { due: '2027-02-01', status: 'planned' as const },
  ];
  it('finds the earliest open due date and the overdue milestones', () => {
    expect(earliestOpenDue(milestones)).toBe('2027-01-20');
    expect(overdueMilestones(milestones, '2027-01-25')).toEqual([milestones[1]]);
    expect(milestoneProgress(milestones)).toEqual({ done: 1, total: 3, percent: 33.3 });
  });
  it('computes KPI values and attainment both ways', () => {
    const buckets = [
      { sum: 8, count: 2, good: 90, total: 100 },
      { sum: 5, count: 1, good: 10, total: 10 },
    ];
    expect(kpiValue(buckets, 'sum')).toBe(13);
    expect(kpiValue(buckets, 'avg')).toBe(4.333);
    expect(kpiValue(buckets, 'ratio')).toBe(90.909);
    expect(kpiValue([], 'avg')).toBeUndefined();
    expect(kpiPercent(3, 4.5, 'higher-is-better')).toBe(66.7);
    expect(kpiPercent(5, 4, 'higher-is-better')).toBe(100);
    expect(kpiPercent(8, 4, 'lower-is-better')).toBe(50);
  });
  it('names quarters', () => {
    expect(quarterOf('2027-03-31')).toBe('2027-Q1');
    expect(quarterOf('2027-10-01T00:00:00Z')).toBe('2027-Q4');
    expect(quartersBetween('2026-Q4', '2027-Q2')).toEqual(['2026-Q4', '2027-Q1', '2027-Q2']);
  });
});

describe('disclosures and feedback', () => {
  it('flags items past their review date and requires something to disclose', () => {
    const input = DisclosureInput.parse({
      needs: [{ text: 'a', confidence: 'high', reviewBy: '2027-01-10' }],
      constraints: [{ kind: 'regulatory', text: 'b', confidence: 'low', reviewBy: '2026-12-01' }],
    });
    expect(staleItems(input, '2027-01-01')).toEqual(['constraints.0']);
    expect(nextReviewBy(input)).toBe('2026-12-01');
    expect(DisclosureInput.safeParse({}).success).toBe(false);
    expect(DisclosureInput.safeParse({ summary: 'Nothing to add this quarter' }).success).toBe(true);
  });
  it('moves feedback new -> triaged -> planned -> done, never back', () => {
    expect(() => assertFeedbackTransition('new', 'triaged')).not.toThrow();
    expect(() => assertFeedbackTransition('triaged', 'planned')).not.toThrow();
    expect(() => assertFeedbackTransition('planned', 'done')).not.toThrow();
    expect(() => assertFeedbackTransition('new', 'done')).toThrow(ConflictError);
    expect(() => assertFeedbackTransition('declined', 'triaged')).toThrow(ConflictError);
  });
});
