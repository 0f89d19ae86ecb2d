/**
 * A job's schedule, written once and rendered in the two syntaxes that run it: EventBridge Scheduler's
 * expression in AWS (`schedule`) and croner's pattern in the local runtime (`localCron`), both in UTC.
 * A manifest job spreads one of these (`...dailyAt('00:30')`), so the two can never say different things;
 * test/unit/schedule.test.ts computes fire times from both forms and checks they agree.
 */
export interface Schedule {
  /** EventBridge Scheduler expression: `rate(5 minutes)`, `cron(30 0 * * ? *)`. */
  readonly schedule: string;
  /** The same schedule in croner's syntax (five fields: minute hour day-of-month month day-of-week). */
  readonly localCron: string;
}

export type RateUnit = 'minute' | 'minutes' | 'hour' | 'hours';

/**
 * Every `n` minutes or hours. In AWS a rate counts from the schedule's creation; locally it fires on the clock's
 * multiples of `n`, which is why `n` must divide the hour (or the day): then both fire every `n` units.
 */
export function every(n: number, unit: RateUnit): Schedule {
  const hours = unit.startsWith('hour');
  const span = hours ? 24 : 60;
  if (!Number.isInteger(n) || n < 1 || span % n !== 0) {
    throw new RangeError(`every(${n}, '${unit}'): n must be a whole number that divides ${span}`);
  }
  const name = hours ? 'hour' : 'minute';
  const step = n === 1 ? '*' : `*/${n}`;
  return {
    schedule: `rate(${n} ${n === 1 ? name : `${name}s`})`,
    localCron: hours ? `0 ${step} * * *` : `${step} * * * *`,
  };
}

/** Once an hour, at `minute` past (0-59). */
export function hourlyAt(minute: number): Schedule {
  checkRange('hourlyAt minute', minute, 59);
  return { schedule: `cron(${minute} * * * ? *)`, localCron: `${minute} * * * *` };
}

/** Once a day at `HH:MM` UTC, e.g. `dailyAt('00:30')`. */
export function dailyAt(time: string): Schedule {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`dailyAt('${time}'): expected HH:MM`);
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  checkRange(`dailyAt('${time}') hour`, hour, 23);
  checkRange(`dailyAt('${time}') minute`, minute, 59);
  return { schedule: `cron(${minute} ${hour} * * ? *)`, localCron: `${minute} ${hour} * * *` };
}

function checkRange(what: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`${what} must be 0-${max}`);
}
