import { describe, expect, it } from 'vitest';
import {
  describeSchedule,
  isValidCron,
  latestPeriod,
  nextPeriod,
  parseSchedule,
  parseTimeOfDay,
  parseTimeZone,
  type Schedule,
} from '../../../src/core/index.ts';

const daily = (time: string, zone: string): Schedule => ({ kind: 'daily', time, zone });
const cron = (expression: string, zone = 'UTC'): Schedule => ({ kind: 'cron', expression, zone });
const at = (iso: string) => new Date(iso);

describe('parsing schedules', () => {
  it('a valid IANA zone in any case → its canonical name; UTC by default', () => {
    expect(parseTimeZone('Europe/Oslo')).toEqual({ ok: true, value: 'Europe/Oslo' });
    expect(parseTimeZone('america/new_york')).toEqual({ ok: true, value: 'America/New_York' });
    expect(parseSchedule({})).toEqual({ ok: true, value: { kind: 'daily', time: '09:00', zone: 'UTC' } });
  });

  it('Mars/Base, an offset or garbage → timezone.invalid', () => {
    for (const input of ['Mars/Base', '+02:00', 'Europe/', '']) {
      expect(parseTimeZone(input)).toEqual({ ok: false, failure: { code: 'timezone.invalid', input } });
    }
  });

  it('H:MM and HH:MM on a 24-hour clock → HH:MM; 24:00, 9am, 09:60 → time.invalid', () => {
    expect(parseTimeOfDay('9:05')).toEqual({ ok: true, value: '09:05' });
    expect(parseTimeOfDay('23:59')).toEqual({ ok: true, value: '23:59' });
    for (const input of ['24:00', '9am', '09:60', '0900']) expect(parseTimeOfDay(input).ok).toBe(false);
  });

  it('five-field cron with lists, ranges, steps and names → valid; six fields, macros, out of range → cron.invalid', () => {
    for (const e of ['0 9 * * 1-5', '*/15 * * * *', '0 9 * * mon-fri', '30 6,18 1 jan *', '0 0 * * 7']) expect(isValidCron(e)).toBe(true);
    for (const e of ['61 * * * *', '* * * *', '0 0 9 * * *', '@daily', '0 9 * * 1-5/0', '5-1 * * * *', '0 24 * * *']) {
      expect(isValidCron(e)).toBe(false);
    }
    expect(parseSchedule({ cron: '0 25 * * *' })).toEqual({ ok: false, failure: { code: 'cron.invalid', input: '0 25 * * *' } });
  });

  it('a schedule is described the way lists show it', () => {
    expect(describeSchedule(daily('09:00', 'Europe/Oslo'))).toBe('09:00 Europe/Oslo');
    expect(describeSchedule(cron('0 9 * * 1-5'))).toBe('cron 0 9 * * 1-5 UTC');
  });
});

describe('periods across time zones and summer time', () => {
  it('09:00 Europe/Oslo fires at 08:00Z in winter and 07:00Z from the last Sunday of March', () => {
    const s = daily('09:00', 'Europe/Oslo');
    expect(latestPeriod(s, at('2026-03-28T08:00:00Z'))).toEqual({ key: '2026-03-28', fireAt: at('2026-03-28T08:00:00Z') });
    expect(latestPeriod(s, at('2026-03-29T06:59:00Z'))?.key).toBe('2026-03-28');
    expect(latestPeriod(s, at('2026-03-29T07:00:00Z'))).toEqual({ key: '2026-03-29', fireAt: at('2026-03-29T07:00:00Z') });
  });

  it('09:00 Europe/Oslo goes back to 08:00Z on the last Sunday of October', () => {
    const s = daily('09:00', 'Europe/Oslo');
    expect(latestPeriod(s, at('2026-10-24T07:00:00Z'))?.fireAt).toEqual(at('2026-10-24T07:00:00Z'));
    expect(latestPeriod(s, at('2026-10-25T07:30:00Z'))?.key).toBe('2026-10-24');
    expect(latestPeriod(s, at('2026-10-25T08:00:00Z'))?.fireAt).toEqual(at('2026-10-25T08:00:00Z'));
  });

  it('a time skipped in spring fires just after the gap; a time repeated in autumn fires once', () => {
    const s = daily('02:30', 'Europe/Oslo');
    expect(latestPeriod(s, at('2026-03-29T12:00:00Z'))?.fireAt).toEqual(at('2026-03-29T01:30:00Z'));
    const october = latestPeriod(s, at('2026-10-25T12:00:00Z'));
    expect(october?.key).toBe('2026-10-25');
    expect(nextPeriod(s, at('2026-10-25T00:00:00Z'))?.key).toBe('2026-10-25');
    expect(nextPeriod(s, october?.fireAt ?? new Date(0))?.key).toBe('2026-10-26');
  });

  it('09:00 America/New_York fires at 14:00Z, 13:00Z after 8 March, 14:00Z again after 1 November', () => {
    const s = daily('09:00', 'America/New_York');
    expect(latestPeriod(s, at('2026-03-07T23:00:00Z'))?.fireAt).toEqual(at('2026-03-07T14:00:00Z'));
    expect(latestPeriod(s, at('2026-03-08T23:00:00Z'))?.fireAt).toEqual(at('2026-03-08T13:00:00Z'));
    expect(latestPeriod(s, at('2026-11-01T23:00:00Z'))?.fireAt).toEqual(at('2026-11-01T14:00:00Z'));
  });

  it('a half-hour zone and a date line zone: Asia/Kolkata 09:00 → 03:30Z; Pacific/Auckland 09:00 → the previous UTC day', () => {
    expect(latestPeriod(daily('09:00', 'Asia/Kolkata'), at('2026-11-23T04:00:00Z'))?.fireAt).toEqual(at('2026-11-23T03:30:00Z'));
    expect(latestPeriod(daily('09:00', 'Pacific/Auckland'), at('2026-11-23T21:00:00Z'))).toEqual({
      key: '2026-11-24',
      fireAt: at('2026-11-23T20:00:00Z'),
    });
  });

  it('a subscription created after today’s time owes nothing until tomorrow', () => {
    const s = daily('09:00', 'UTC');
    expect(latestPeriod(s, at('2026-11-23T10:00:00Z'), at('2026-11-23T09:30:00Z'))).toBeUndefined();
    expect(latestPeriod(s, at('2026-11-24T09:00:00Z'), at('2026-11-23T09:30:00Z'))?.key).toBe('2026-11-24');
  });

  it('cron on weekdays in Oslo: on a Saturday the latest period is Friday’s, the next is Monday’s', () => {
    const s = cron('0 9 * * 1-5', 'Europe/Oslo');
    expect(latestPeriod(s, at('2026-11-28T12:00:00Z'))).toEqual({ key: '2026-11-27T09:00', fireAt: at('2026-11-27T08:00:00Z') });
    expect(nextPeriod(s, at('2026-11-28T12:00:00Z'))).toEqual({ key: '2026-11-30T09:00', fireAt: at('2026-11-30T08:00:00Z') });
  });

  it('cron every 15 minutes → the quarter hour at or before now', () => {
    expect(latestPeriod(cron('*/15 * * * *'), at('2026-11-23T10:44:59Z'))?.key).toBe('2026-11-23T10:30');
    expect(nextPeriod(cron('*/15 * * * *'), at('2026-11-23T10:45:00Z'))?.key).toBe('2026-11-23T11:00');
  });
});
