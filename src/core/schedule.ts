import { DateTime, IANAZone } from 'luxon';
import type { Failure } from './failures.ts';
import { fail, ok, type Result } from './result.ts';

/**
 * When a subscription's digest is due: a time of day in an IANA zone (what chats choose), or a
 * five-field cron expression in a zone (what operators may choose). Both are read as local wall time,
 * so "09:00 Europe/Oslo" stays 09:00 for the reader across summer time.
 *
 * A schedule divides time into periods; each period ends at one fire time and has a stable key
 * (the local date for a daily schedule, the local date and time for cron). The delivery ledger
 * holds one row per (subscription, period key), which is what makes delivery exactly-once.
 */
export type Schedule =
  | { readonly kind: 'daily'; readonly time: string; readonly zone: string }
  | { readonly kind: 'cron'; readonly expression: string; readonly zone: string }
  /**
   * No periods: each thread is delivered on its own as soon as it qualifies (its subscription's
   * minimum length reached), at most `perHour` live deliveries an hour to the chat (scheduler/live.ts).
   */
  | { readonly kind: 'live'; readonly perHour: number; readonly zone: string };

/** Live deliveries an hour per chat when `live` is given without a number. */
export const DEFAULT_LIVE_PER_HOUR = 6;
export const MAX_LIVE_PER_HOUR = 60;

/** `weekly mon 09:00` and `hourly` are cron schedules underneath: their periods and ledger keys are cron's. */
export const HOURLY_CRON = '0 * * * *';
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export function weeklyCron(weekday: number, time: string): string {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return `${minute} ${hour} * * ${weekday}`;
}

/** What a schedule means in a person's terms: the wording says it from this. */
export type Cadence =
  | { readonly kind: 'daily'; readonly time: string; readonly zone: string }
  | { readonly kind: 'weekly'; readonly weekday: number; readonly time: string; readonly zone: string }
  | { readonly kind: 'hourly' }
  | { readonly kind: 'live'; readonly perHour: number }
  | { readonly kind: 'cron'; readonly expression: string; readonly zone: string };

/** Recognises the cron schedules that `weekly` and `hourly` make (and an operator's equivalent ones). */
export function cadenceOf(schedule: Schedule): Cadence {
  if (schedule.kind !== 'cron') return schedule;
  if (schedule.expression === HOURLY_CRON) return { kind: 'hourly' };
  const weekly = /^(\d{1,2}) (\d{1,2}) \* \* ([0-7])$/u.exec(schedule.expression);
  if (weekly) {
    const time = `${weekly[2]?.padStart(2, '0')}:${weekly[1]?.padStart(2, '0')}`;
    return { kind: 'weekly', weekday: Number(weekly[3]) % 7, time, zone: schedule.zone };
  }
  return schedule;
}

/** One period of a schedule: the instant it fires and its key in the ledger. */
export interface Period {
  readonly key: string;
  readonly fireAt: Date;
}

export const DEFAULT_ZONE = 'UTC';
export const DEFAULT_TIME = '09:00';

/** `9:00`, `09:00`, `23:59` → `HH:MM`; anything else is `time.invalid`. */
export function parseTimeOfDay(input: string): Result<string, Failure> {
  const match = /^(\d{1,2}):(\d{2})$/u.exec(input.trim());
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) return fail({ code: 'time.invalid', input });
  return ok(`${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
}

/** An IANA zone name (any case) → its canonical spelling; `Mars/Base` or `+02:00` is `timezone.invalid`. */
export function parseTimeZone(input: string): Result<string, Failure> {
  const trimmed = input.trim();
  if (/^utc$/iu.test(trimmed)) return ok('UTC');
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/u.test(trimmed) || !IANAZone.isValidZone(trimmed)) {
    return fail({ code: 'timezone.invalid', input });
  }
  try {
    return ok(new Intl.DateTimeFormat('en', { timeZone: trimmed }).resolvedOptions().timeZone);
  } catch {
    return fail({ code: 'timezone.invalid', input });
  }
}

/** Validates and builds a schedule from what a chat or the CLI gave; `cron` wins over `time`. */
export function parseSchedule(input: {
  readonly time?: string | undefined;
  readonly zone?: string | undefined;
  readonly cron?: string | undefined;
}): Result<Schedule, Failure> {
  const zone = parseTimeZone(input.zone ?? DEFAULT_ZONE);
  if (!zone.ok) return zone;
  if (input.cron !== undefined) {
    const fields = parseCron(input.cron);
    if (!fields) return fail({ code: 'cron.invalid', input: input.cron });
    return ok({ kind: 'cron', expression: input.cron.trim().split(/\s+/u).join(' '), zone: zone.value });
  }
  const time = parseTimeOfDay(input.time ?? DEFAULT_TIME);
  if (!time.ok) return time;
  return ok({ kind: 'daily', time: time.value, zone: zone.value });
}

/** "09:00 Europe/Oslo" or "cron 0 9 * * 1-5 UTC": how lists show a schedule. */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.kind === 'live') return `live ${schedule.perHour}/h`;
  return schedule.kind === 'daily' ? `${schedule.time} ${schedule.zone}` : `cron ${schedule.expression} ${schedule.zone}`;
}

const MAX_CRON_SEARCH_DAYS = 366 * 5;

/**
 * The latest period that has fired at or before `now` (and after `notBefore`, when given: a new
 * subscription owes nothing for times before it existed). Undefined when there is none.
 * A wall time that does not exist (the hour skipped in spring) fires at the first instant after
 * the gap; a wall time that happens twice (autumn) fires once.
 */
export function latestPeriod(schedule: Schedule, now: Date, notBefore?: Date): Period | undefined {
  if (schedule.kind === 'live') return undefined;
  const period = schedule.kind === 'daily' ? latestDaily(schedule, now) : searchCron(schedule, now, -1);
  if (!period || (notBefore && period.fireAt.getTime() < notBefore.getTime())) return undefined;
  return period;
}

/** The first period that fires strictly after `now`. */
export function nextPeriod(schedule: Schedule, now: Date): Period | undefined {
  if (schedule.kind === 'live') return undefined;
  if (schedule.kind === 'cron') return searchCron(schedule, now, 1);
  const local = DateTime.fromJSDate(now, { zone: schedule.zone });
  for (let days = 0; days <= 2; days++) {
    const period = dailyPeriod(schedule, local.plus({ days }));
    if (period.fireAt.getTime() > now.getTime()) return period;
  }
  return undefined;
}

function latestDaily(schedule: Extract<Schedule, { kind: 'daily' }>, now: Date): Period | undefined {
  const local = DateTime.fromJSDate(now, { zone: schedule.zone });
  for (let days = 0; days <= 2; days++) {
    const period = dailyPeriod(schedule, local.minus({ days }));
    if (period.fireAt.getTime() <= now.getTime()) return period;
  }
  return undefined;
}

function dailyPeriod(schedule: Extract<Schedule, { kind: 'daily' }>, day: DateTime): Period {
  const [hour = 0, minute = 0] = schedule.time.split(':').map(Number);
  const fire = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: schedule.zone });
  return { key: day.toISODate() ?? '', fireAt: fire.toJSDate() };
}

/** Walks day by day (back or forward) from `now` for the nearest matching wall time. */
function searchCron(schedule: Extract<Schedule, { kind: 'cron' }>, now: Date, direction: 1 | -1): Period | undefined {
  const fields = parseCron(schedule.expression);
  if (!fields) return undefined;
  const local = DateTime.fromJSDate(now, { zone: schedule.zone });
  for (let offset = 0; offset <= MAX_CRON_SEARCH_DAYS; offset++) {
    const day = local.plus({ days: offset * direction }).startOf('day');
    if (!cronMatchesDay(fields, day.month, day.day, day.weekday % 7)) continue;
    const found = bestTimeOfDay(fields, day, now, direction, schedule.zone);
    if (found) return found;
  }
  return undefined;
}

function bestTimeOfDay(fields: CronFields, day: DateTime, now: Date, direction: 1 | -1, zone: string): Period | undefined {
  const hours = direction === 1 ? fields.hours : [...fields.hours].reverse();
  const minutes = direction === 1 ? fields.minutes : [...fields.minutes].reverse();
  for (const hour of hours) {
    for (const minute of minutes) {
      const fire = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
      const ms = fire.toMillis();
      if (direction === -1 ? ms <= now.getTime() : ms > now.getTime()) {
        const key = `${day.toISODate() ?? ''}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        return { key, fireAt: fire.toJSDate() };
      }
    }
  }
  return undefined;
}

/** A parsed five-field cron expression: the allowed values of each field, ascending. */
interface CronFields {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  /** 0 = Sunday … 6 = Saturday (7 is read as Sunday too). */
  readonly daysOfWeek: readonly number[];
  readonly domRestricted: boolean;
  readonly dowRestricted: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Standard five-field cron (minute hour day-of-month month day-of-week) with `*`, lists, ranges,
 * steps and English month/day names. Seconds, `@daily` macros, `L`, `W` and `#` are refused:
 * an operator sees `cron.invalid` rather than a schedule that means something else.
 */
function parseCron(expression: string): CronFields | undefined {
  const parts = expression.trim().split(/\s+/u);
  if (parts.length !== 5) return undefined;
  const [min = '', hour = '', dom = '', month = '', dow = ''] = parts;
  const minutes = parseField(min, 0, 59);
  const hours = parseField(hour, 0, 23);
  const daysOfMonth = parseField(dom, 1, 31);
  const months = parseField(month, 1, 12, MONTHS, 1);
  const weekdays = parseField(dow, 0, 7, WEEKDAYS, 0);
  if (!minutes || !hours || !daysOfMonth || !months || !weekdays) return undefined;
  const daysOfWeek = [...new Set(weekdays.map((d) => d % 7))].sort((a, b) => a - b);
  return { minutes, hours, daysOfMonth, months, daysOfWeek, domRestricted: dom !== '*', dowRestricted: dow !== '*' };
}

function parseField(field: string, min: number, max: number, names: readonly string[] = [], nameBase = 0): number[] | undefined {
  const values = new Set<number>();
  const value = (text: string): number | undefined => {
    const named = names.indexOf(text.toLowerCase());
    if (named >= 0) return named + nameBase;
    if (!/^\d{1,2}$/u.test(text)) return undefined;
    const n = Number(text);
    return n >= min && n <= max ? n : undefined;
  };
  for (const item of field.split(',')) {
    const match = /^(\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\d{1,2}))?$/u.exec(item);
    if (!match) return undefined;
    const [, startText = '', endText, stepText] = match;
    const start = startText === '*' ? min : value(startText);
    const end = startText === '*' ? max : endText !== undefined ? value(endText) : stepText !== undefined ? max : start;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (start === undefined || end === undefined || start > end || step < 1 || (startText === '*' && endText !== undefined)) return undefined;
    for (let n = start; n <= end; n += step) values.add(n);
  }
  return [...values].sort((a, b) => a - b);
}

/** Cron's own rule: when both day fields are restricted, a day matching either one fires. */
function cronMatchesDay(fields: CronFields, month: number, dayOfMonth: number, weekday: number): boolean {
  if (!fields.months.includes(month)) return false;
  const domOk = fields.daysOfMonth.includes(dayOfMonth);
  const dowOk = fields.daysOfWeek.includes(weekday);
  if (fields.domRestricted && fields.dowRestricted) return domOk || dowOk;
  if (fields.domRestricted) return domOk;
  if (fields.dowRestricted) return dowOk;
  return true;
}

/** True when `expression` is a five-field cron expression Spool can schedule. */
export function isValidCron(expression: string): boolean {
  return parseCron(expression) !== undefined;
}
