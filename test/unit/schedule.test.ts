import { Cron } from 'croner';
import { scheduledFunctions } from '#functions/manifest';
import { dailyAt, every, hourlyAt, type Schedule } from '#shared/schedule';

// unit: a job's schedule is one value rendered twice (EventBridge Scheduler in AWS, croner locally); both
// renderings must fire at the same times.

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { minute: MINUTE, minutes: MINUTE, hour: 60 * MINUTE, hours: 60 * MINUTE };

/** One field of an AWS cron expression: `*`, `?`, `*\/n`, a number, or a comma list of those. */
function fieldMatches(field: string, value: number): boolean {
  return field.split(',').some((part) => {
    if (part === '*' || part === '?') return true;
    const step = /^\*\/(\d+)$/.exec(part);
    if (step) return value % Number(step[1]) === 0;
    if (!/^\d+$/.test(part)) throw new Error(`this evaluator does not read ${JSON.stringify(part)}`);
    return Number(part) === value;
  });
}

/**
 * The next `count` fire times of an EventBridge Scheduler expression, strictly after `from`, in UTC. A rate is
 * taken as created at midnight UTC of `from`'s day (on a clock boundary, as the local runtime aligns it).
 */
function awsFireTimes(expression: string, from: Date, count: number): Date[] {
  const rate = /^rate\((\d+) (minutes?|hours?)\)$/.exec(expression);
  if (rate) {
    const period = Number(rate[1]) * UNIT_MS[rate[2]!]!;
    const anchor = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    const first = anchor + (Math.floor((from.getTime() - anchor) / period) + 1) * period;
    return Array.from({ length: count }, (_, i) => new Date(first + i * period));
  }
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) throw new Error(`not an EventBridge Scheduler expression: ${expression}`);
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = cron.slice(1) as [string, ...string[]];
  const times: Date[] = [];
  // Whole minutes after `from`, for at most a year: enough for any schedule these helpers write.
  let t = Math.floor(from.getTime() / MINUTE) * MINUTE + MINUTE;
  for (let i = 0; times.length < count && i < 366 * 24 * 60; i++, t += MINUTE) {
    const d = new Date(t);
    if (
      fieldMatches(minute, d.getUTCMinutes()) &&
      fieldMatches(hour!, d.getUTCHours()) &&
      fieldMatches(dayOfMonth!, d.getUTCDate()) &&
      fieldMatches(month!, d.getUTCMonth() + 1) &&
      // AWS numbers the days of the week 1 (Sunday) to 7.
      fieldMatches(dayOfWeek!, d.getUTCDay() + 1) &&
      fieldMatches(year!, d.getUTCFullYear())
    ) {
      times.push(d);
    }
  }
  return times;
}

function croneFireTimes(pattern: string, from: Date, count: number): Date[] {
  // The local scheduler's options (infra/local/scheduler.ts): UTC, like EventBridge Scheduler without a time zone.
  return new Cron(pattern, { timezone: 'Etc/UTC', paused: true }).nextRuns(count, from);
}

const STARTS = ['2026-11-29T12:24:51.000Z', '2026-12-31T23:59:30.000Z', '2027-02-28T23:45:00.000Z'].map(
  (iso) => new Date(iso),
);

function expectAgreement({ schedule, localCron }: Schedule): void {
  for (const from of STARTS) {
    const aws = awsFireTimes(schedule, from, 6).map((d) => d.toISOString());
    const local = croneFireTimes(localCron, from, 6).map((d) => d.toISOString());
    expect({ schedule, localCron, from: from.toISOString(), fires: local }).toEqual({
      schedule,
      localCron,
      from: from.toISOString(),
      fires: aws,
    });
  }
}

describe('job schedules', () => {
  it.each([
    [every(5, 'minutes'), 'rate(5 minutes)', '*/5 * * * *'],
    [every(1, 'minute'), 'rate(1 minute)', '* * * * *'],
    [every(1, 'hour'), 'rate(1 hour)', '0 * * * *'],
    [every(6, 'hours'), 'rate(6 hours)', '0 */6 * * *'],
    [hourlyAt(20), 'cron(20 * * * ? *)', '20 * * * *'],
    [hourlyAt(0), 'cron(0 * * * ? *)', '0 * * * *'],
    [dailyAt('00:30'), 'cron(30 0 * * ? *)', '30 0 * * *'],
    [dailyAt('02:00'), 'cron(0 2 * * ? *)', '0 2 * * *'],
    [dailyAt('23:59'), 'cron(59 23 * * ? *)', '59 23 * * *'],
  ])('renders %j as %s and %s, which fire at the same times', (value, schedule, localCron) => {
    // Assess
    expect(value).toEqual({ schedule, localCron });
    expectAgreement(value);
  });

  it('gives every job of the manifest a schedule whose two forms fire at the same times', () => {
    expect(scheduledFunctions().length).toBeGreaterThan(0);
    for (const { schedule, localCron } of scheduledFunctions()) expectAgreement({ schedule, localCron });
  });

  it('refuses what the two forms could not both say', () => {
    // A rate that does not divide the hour (or the day) drifts against the clock; croner's steps restart at it.
    expect(() => every(7, 'minutes')).toThrow(RangeError);
    expect(() => every(5, 'hours')).toThrow(RangeError);
    expect(() => every(0, 'minutes')).toThrow(RangeError);
    expect(() => every(1.5, 'hours')).toThrow(RangeError);
    expect(() => hourlyAt(60)).toThrow(RangeError);
    expect(() => dailyAt('24:00')).toThrow(RangeError);
    expect(() => dailyAt('7:30')).toThrow(RangeError);
  });
});
