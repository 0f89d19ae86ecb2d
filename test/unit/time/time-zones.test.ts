import { isTimeZone, TimeZone } from '#shared/domain/common';
import { localToUtc, utcToLocal } from '#functions/collaboration/domain/check-in';

// unit: which time zone names Accord takes, and that it computes with them as given.
describe('time zone names', () => {
  // Where partners work, every continent: current names (several renamed from what ICU still calls canonical),
  // links kept by the tz database, and Etc/* fixed offsets.
  const accepted = [
    'Asia/Kolkata', // was Asia/Calcutta
    'Asia/Calcutta',
    'Asia/Ho_Chi_Minh', // was Asia/Saigon
    'Asia/Kathmandu', // was Asia/Katmandu
    'Asia/Yangon', // was Asia/Rangoon
    'Asia/Manila',
    'Asia/Singapore',
    'Asia/Dhaka',
    'Europe/Kyiv', // was Europe/Kiev
    'Europe/Berlin',
    'Europe/London',
    'Africa/Casablanca',
    'Africa/Lagos',
    'Africa/Nairobi',
    'Africa/Johannesburg',
    'America/Nuuk', // was America/Godthab
    'America/Sao_Paulo',
    'America/Mexico_City',
    'America/Ciudad_Juarez',
    'America/Argentina/Buenos_Aires',
    'America/Santiago',
    'America/St_Johns',
    'Pacific/Kanton', // was Pacific/Enderbury
    'Pacific/Chatham',
    'Pacific/Kiritimati',
    'Australia/Sydney',
    'Australia/Eucla',
    'Atlantic/Faroe', // was Atlantic/Faeroe
    'Antarctica/Troll',
    'US/Pacific', // a link
    'UTC',
    'Etc/UTC',
    'Etc/GMT-14',
    'Etc/GMT+12',
  ];

  it.each(accepted)('accepts %s and keeps the name as given', (name) => {
    expect(isTimeZone(name)).toBe(true);
    expect(TimeZone.parse(name)).toBe(name);
  });

  it.each([
    'Asia/Bombay_Central',
    'Mars/Olympus_Mons',
    '+05:30',
    'UTC+1',
    'Europe/',
    '/Berlin',
    'Europe Berlin',
    '',
    'Local',
  ])('refuses %j', (name) => {
    expect(isTimeZone(name)).toBe(false);
    expect(TimeZone.safeParse(name).success).toBe(false);
  });

  // Local wall time -> instant, through the same functions check-ins and disputes use.
  it.each([
    ['Asia/Kolkata', '2027-01-14T10:00', '2027-01-14T04:30:00.000Z'],
    ['Asia/Kathmandu', '2027-01-14T10:00', '2027-01-14T04:15:00.000Z'],
    ['Europe/Kyiv', '2027-07-14T10:00', '2027-07-14T07:00:00.000Z'],
    ['America/Nuuk', '2027-01-14T10:00', '2027-01-14T12:00:00.000Z'],
    ['Asia/Ho_Chi_Minh', '2027-01-14T10:00', '2027-01-14T03:00:00.000Z'],
    ['Pacific/Kanton', '2027-01-14T10:00', '2027-01-13T21:00:00.000Z'],
    ['Africa/Lagos', '2027-01-14T10:00', '2027-01-14T09:00:00.000Z'],
    ['America/St_Johns', '2027-01-14T10:00', '2027-01-14T13:30:00.000Z'],
    ['Australia/Eucla', '2027-01-14T10:00', '2027-01-14T01:15:00.000Z'],
    ['Etc/GMT-14', '2027-01-14T10:00', '2027-01-13T20:00:00.000Z'],
    ['US/Pacific', '2027-07-14T10:00', '2027-07-14T17:00:00.000Z'],
  ])('10:00 in %s on %s is %s, and back', (zone, local, utc) => {
    const ms = localToUtc(local, zone);
    expect(new Date(ms).toISOString()).toBe(utc);
    expect(utcToLocal(ms, zone)).toBe(local);
  });
});
