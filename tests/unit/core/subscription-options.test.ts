import { describe, expect, it } from 'vitest';
import { english } from '../../../src/i18n/index.ts';
import { applySettingsChange, describeFailure, parseSettingsChange, type Failure, type SettingsChange } from '../../../src/core/index.ts';

const parse = (text: string) => parseSettingsChange(text.split(/\s+/u).filter(Boolean));
const change = (text: string): SettingsChange => {
  const parsed = parse(text);
  if (!parsed.ok) throw new Error(describeFailure(parsed.failure, english));
  return parsed.value;
};
const mistake = (text: string): { failure: Failure; sentence: string } => {
  const parsed = parse(text);
  if (parsed.ok) throw new Error(`"${text}" was accepted`);
  return { failure: parsed.failure, sentence: describeFailure(parsed.failure, english) };
};

describe('subscription options: what each option word means', () => {
  it('nothing → a daily digest at 09:00 UTC with no filters', () => {
    expect(applySettingsChange(undefined, change(''))).toEqual({
      schedule: { kind: 'daily', time: '09:00', zone: 'UTC' },
      lang: undefined,
      langs: [],
      minPosts: undefined,
      require: [],
      exclude: [],
      muted: [],
    });
  });

  it('the cadences: HH:MM and a zone, daily, weekly DAY HH:MM, hourly, live and live:N', () => {
    const schedule = (text: string) => applySettingsChange(undefined, change(text)).schedule;
    expect(schedule('7:30 Europe/Oslo')).toEqual({ kind: 'daily', time: '07:30', zone: 'Europe/Oslo' });
    expect(schedule('daily 18:00')).toEqual({ kind: 'daily', time: '18:00', zone: 'UTC' });
    expect(schedule('weekly mon 09:15 America/New_York')).toEqual({ kind: 'cron', expression: '15 9 * * 1', zone: 'America/New_York' });
    expect(schedule('weekly Sunday')).toEqual({ kind: 'cron', expression: '0 9 * * 0', zone: 'UTC' });
    expect(schedule('hourly')).toEqual({ kind: 'cron', expression: '0 * * * *', zone: 'UTC' });
    expect(schedule('live')).toEqual({ kind: 'live', perHour: 6, zone: 'UTC' });
    expect(schedule('LIVE:12')).toEqual({ kind: 'live', perHour: 12, zone: 'UTC' });
  });

  it('the filters: lang:en,fr, min:3, +word and -word (kept as typed, lower-cased), mute:@handle with or without a network', () => {
    expect(applySettingsChange(undefined, change('lang:EN,fr min:3 +Coton -football mute:@spam mute:@bot@mastodon.social,@x.com/Troll'))).toMatchObject({
      lang: undefined,
      langs: ['en', 'fr'],
      minPosts: 3,
      require: ['coton'],
      exclude: ['football'],
      muted: ['spam', 'bot@mastodon.social', 'x.com/troll'],
    });
    expect(applySettingsChange(undefined, change('lang:de'))).toMatchObject({ lang: 'de', langs: ['de'] });
  });

  it('on an existing subscription, each option given replaces that option and the others stay; :any, min:1, words:none and mute:none clear', () => {
    const base = applySettingsChange(undefined, change('weekly fri 08:00 Europe/Paris lang:fr min:4 +coton -foot mute:@spam'));
    expect(applySettingsChange(base, change('+récolte'))).toMatchObject({
      schedule: { kind: 'cron', expression: '0 8 * * 5', zone: 'Europe/Paris' },
      langs: ['fr'],
      minPosts: 4,
      require: ['récolte'],
      exclude: [],
      muted: ['spam'],
    });
    expect(applySettingsChange(base, change('Asia/Tokyo'))).toMatchObject({ schedule: { kind: 'cron', expression: '0 8 * * 5', zone: 'Asia/Tokyo' } });
    expect(applySettingsChange(base, change('10:30'))).toMatchObject({ schedule: { kind: 'daily', time: '10:30', zone: 'Europe/Paris' } });
    expect(applySettingsChange(base, change('daily'))).toMatchObject({ schedule: { kind: 'daily', time: '08:00' } });
    expect(applySettingsChange(base, change('lang:any min:1 words:none mute:none'))).toMatchObject({
      langs: [],
      minPosts: undefined,
      require: [],
      exclude: [],
      muted: [],
    });
  });

  it('each mistake → its own failure and one sentence that says what to write instead', () => {
    const cases: [string, Failure['code'], string][] = [
      ['25:00', 'time.invalid', '“25:00” is not a time of day: use HH:MM on a 24-hour clock, like 09:00.'],
      ['Mars/Base', 'timezone.invalid', '“Mars/Base” is not a time zone: use an IANA name like Europe/Oslo or UTC.'],
      ['weekly someday', 'weekday.invalid', '“someday” is not a day of the week: use mon, tue, wed, thu, fri, sat or sun, like weekly mon 09:00.'],
      ['weekly', 'weekday.invalid', '“weekly” is not a day of the week: use mon, tue, wed, thu, fri, sat or sun, like weekly mon 09:00.'],
      [
        'lang:english',
        'lang.invalid',
        '“lang:english” is not a list of languages: use two-letter codes separated by commas, like lang:en,fr (lang:any for all).',
      ],
      [
        'lang:en,,fr',
        'lang.invalid',
        '“lang:en,,fr” is not a list of languages: use two-letter codes separated by commas, like lang:en,fr (lang:any for all).',
      ],
      ['min:0', 'min.invalid', '“min:0” is not a minimum: use a whole number of posts from 1 to 1000, like min:3.'],
      ['min:three', 'min.invalid', '“min:three” is not a minimum: use a whole number of posts from 1 to 1000, like min:3.'],
      ['+co*on', 'word.invalid', '“+co*on” is not a plain word: use letters and digits only, like +cotton or -football (no patterns).'],
      ['-(foot|ball)', 'word.invalid', '“-(foot|ball)” is not a plain word: use letters and digits only, like +cotton or -football (no patterns).'],
      ['+Café -cafe', 'word.conflict', '“café” cannot be both required and excluded: keep +café or -café.'],
      ['live:0', 'live.invalid', '“live:0” is not a rate: use live, or live:N for at most N threads an hour (1 to 60).'],
      ['live:5.5', 'live.invalid', '“live:5.5” is not a rate: use live, or live:N for at most N threads an hour (1 to 60).'],
      ['mute:bob', 'mute.invalid', '“mute:bob” names no author to mute: use mute:@handle (mute:none to clear).'],
      ['hourly live', 'cadence.conflict', '“hourly live” asks for two cadences at once: choose one of daily, weekly, hourly or live.'],
      ['live 09:00', 'cadence.conflict', '“live 09:00” asks for two cadences at once: choose one of daily, weekly, hourly or live.'],
      [
        'tomorrow',
        'option.unknown',
        '“tomorrow” is not a subscription option: use HH:MM, a time zone, daily, weekly DAY, hourly, live, lang:, min:, +word, -word or mute:@handle.',
      ],
    ];
    for (const [text, code, sentence] of cases) {
      const result = mistake(text);
      expect(result.failure.code, text).toBe(code);
      expect(result.sentence, text).toBe(sentence);
    }
  });
});
