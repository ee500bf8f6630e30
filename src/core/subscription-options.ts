import { authorRefOf, parseAuthorArgument } from './authors.ts';
import type { Failure } from './failures.ts';
import { fail, ok, type Result } from './result.ts';
import {
  DEFAULT_LIVE_PER_HOUR,
  DEFAULT_TIME,
  DEFAULT_ZONE,
  HOURLY_CRON,
  MAX_LIVE_PER_HOUR,
  WEEKDAYS,
  cadenceOf,
  parseTimeOfDay,
  parseTimeZone,
  weeklyCron,
  type Schedule,
} from './schedule.ts';
import type { SubscriptionSettings } from './subscriptions.ts';
import { foldText, isPlainWord } from './words.ts';

/**
 * The options of `/subscribe <hashtag|@handle> …`, and the matching CLI flags, as a change to a
 * subscription's settings. Each option given replaces that option; the others stay as they were
 * (or take their defaults on a new subscription):
 *
 *   HH:MM · a time zone · daily [HH:MM] · weekly DAY [HH:MM] · hourly · live[:N]
 *   lang:en,fr (lang:any) · min:3 · +word -word (words:none) · mute:@handle (mute:none)
 *
 * Parsing does no I/O and stops at the first mistake with one failure naming it.
 */
export interface SettingsChange {
  readonly cadence?:
    | { readonly kind: 'daily' }
    | { readonly kind: 'weekly'; readonly weekday: number }
    | { readonly kind: 'hourly' }
    | { readonly kind: 'live'; readonly perHour?: number | undefined }
    | undefined;
  readonly time?: string | undefined;
  readonly zone?: string | undefined;
  /** `null`: clear (every language). */
  readonly langs?: readonly string[] | null | undefined;
  readonly minPosts?: number | null | undefined;
  /** Given when any `+word`, `-word` or `words:none` was: both lists are then replaced. */
  readonly words?: { readonly require: readonly string[]; readonly exclude: readonly string[] } | undefined;
  readonly muted?: readonly string[] | undefined;
}

const WEEKDAY_WORDS: Readonly<Record<string, number>> = Object.fromEntries(
  WEEKDAYS.flatMap((short, i) => [
    [short, i],
    [['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][i] ?? short, i],
  ]),
);

interface Draft {
  cadence?: SettingsChange['cadence'];
  cadenceWord?: string;
  time?: string;
  zone?: string;
  langs?: readonly string[] | null;
  minPosts?: number | null;
  require?: string[];
  exclude?: string[];
  muted?: string[];
}

/** The option words after the subject. */
export function parseSettingsChange(words: readonly string[]): Result<SettingsChange, Failure> {
  const draft: Draft = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const lower = word.toLowerCase();
    const setCadence = (cadence: NonNullable<SettingsChange['cadence']>): Failure | undefined => {
      if (draft.cadence) return { code: 'cadence.conflict', input: `${draft.cadenceWord ?? ''} ${word}` };
      draft.cadence = cadence;
      draft.cadenceWord = word;
      return undefined;
    };
    let failure: Failure | undefined;
    if (lower === 'daily') failure = setCadence({ kind: 'daily' });
    else if (lower === 'hourly') failure = setCadence({ kind: 'hourly' });
    else if (lower === 'weekly') {
      const day = words[i + 1];
      const weekday = day === undefined ? undefined : WEEKDAY_WORDS[day.toLowerCase()];
      if (weekday === undefined) return fail({ code: 'weekday.invalid', input: day ?? word });
      i++;
      failure = setCadence({ kind: 'weekly', weekday });
    } else if (lower === 'live' || lower.startsWith('live:')) {
      const rate = lower === 'live' ? undefined : Number(lower.slice(5));
      if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1 && rate <= MAX_LIVE_PER_HOUR && /^\d+$/u.test(lower.slice(5))))
        return fail({ code: 'live.invalid', input: word });
      failure = setCadence({ kind: 'live', perHour: rate });
    } else if (/^\d/u.test(word)) {
      const time = parseTimeOfDay(word);
      if (!time.ok) return time;
      draft.time = time.value;
    } else if (lower.startsWith('lang:')) {
      const langs = parseLanguages(word);
      if (!langs.ok) return langs;
      draft.langs = langs.value;
    } else if (lower.startsWith('min:')) {
      const text = word.slice(4);
      const min = Number(text);
      if (!/^\d{1,4}$/u.test(text) || min < 1 || min > 1000) return fail({ code: 'min.invalid', input: word });
      draft.minPosts = min === 1 ? null : min;
    } else if (lower === 'words:none') {
      draft.require ??= [];
      draft.exclude ??= [];
    } else if (word.startsWith('+') || word.startsWith('-')) {
      const plain = word.slice(1).normalize('NFKC').toLowerCase();
      if (!isPlainWord(plain)) return fail({ code: 'word.invalid', input: word });
      const list = word.startsWith('+') ? (draft.require ??= []) : (draft.exclude ??= []);
      draft.require ??= [];
      draft.exclude ??= [];
      if (!list.includes(plain)) list.push(plain);
    } else if (lower.startsWith('mute:')) {
      const muted = parseMute(word);
      if (!muted.ok) return muted;
      draft.muted = muted.value === null ? [] : [...(draft.muted ?? []), ...muted.value.filter((m) => !draft.muted?.includes(m))];
    } else {
      const zone = parseTimeZone(word);
      if (zone.ok) draft.zone = zone.value;
      else return fail(word.includes('/') ? zone.failure : { code: 'option.unknown', input: word });
    }
    if (failure) return fail(failure);
  }
  if (draft.time !== undefined && (draft.cadence?.kind === 'hourly' || draft.cadence?.kind === 'live')) {
    return fail({ code: 'cadence.conflict', input: `${draft.cadenceWord ?? ''} ${draft.time}` });
  }
  const conflict = draft.require?.find((w) => draft.exclude?.some((x) => foldText(x) === foldText(w)));
  if (conflict !== undefined) return fail({ code: 'word.conflict', word: conflict });
  return ok({
    cadence: draft.cadence,
    time: draft.time,
    zone: draft.zone,
    langs: draft.langs,
    minPosts: draft.minPosts,
    words: draft.require || draft.exclude ? { require: draft.require ?? [], exclude: draft.exclude ?? [] } : undefined,
    muted: draft.muted,
  });
}

/** `lang:en,fr` → ['en', 'fr']; `lang:any` → null (every language). */
function parseLanguages(word: string): Result<readonly string[] | null, Failure> {
  const value = word.slice(5).toLowerCase();
  if (value === 'any' || value === 'all') return ok(null);
  const codes = value.split(',').map((c) => c.trim());
  if (codes.length === 0 || codes.length > 10 || codes.some((c) => !/^[a-z]{2}$/u.test(c))) return fail({ code: 'lang.invalid', input: word });
  return ok([...new Set(codes)]);
}

/** `mute:@spam` → the author's unambiguous name when the network was given, else the handle; `mute:none` → null. */
function parseMute(word: string): Result<readonly string[] | null, Failure> {
  const value = word.slice(5);
  if (value.toLowerCase() === 'none') return ok(null);
  const refs: string[] = [];
  for (const part of value.split(',')) {
    const author = part.trim().startsWith('@') ? parseAuthorArgument(part) : undefined;
    if (!author?.ok) return fail({ code: 'mute.invalid', input: word });
    refs.push(author.value.source ? authorRefOf({ source: author.value.source, handle: author.value.handle }) : author.value.handle);
  }
  return ok(refs);
}

/** A change applied to a subscription's settings (`base`: its settings now; undefined for a new one). */
export function applySettingsChange(base: SubscriptionSettings | undefined, change: SettingsChange): SubscriptionSettings {
  const schedule = nextSchedule(base?.schedule, change);
  const langs = change.langs === null ? [] : (change.langs ?? base?.langs ?? (base?.lang ? [base.lang] : []));
  const minPosts = change.minPosts === null ? undefined : (change.minPosts ?? base?.minPosts);
  return {
    schedule,
    lang: langs.length === 1 ? langs[0] : undefined,
    langs,
    minPosts,
    require: change.words ? change.words.require : (base?.require ?? []),
    exclude: change.words ? change.words.exclude : (base?.exclude ?? []),
    muted: change.muted ?? base?.muted ?? [],
  };
}

function nextSchedule(base: Schedule | undefined, change: SettingsChange): Schedule {
  const zone = change.zone ?? base?.zone ?? DEFAULT_ZONE;
  const was = base ? cadenceOf(base) : undefined;
  const baseTime = was && 'time' in was ? was.time : DEFAULT_TIME;
  const cadence = change.cadence ?? (change.time !== undefined ? { kind: 'daily' as const } : undefined);
  if (!cadence) {
    if (!base) return { kind: 'daily', time: DEFAULT_TIME, zone };
    return { ...base, zone };
  }
  switch (cadence.kind) {
    case 'daily':
      return { kind: 'daily', time: change.time ?? baseTime, zone };
    case 'weekly':
      return { kind: 'cron', expression: weeklyCron(cadence.weekday, change.time ?? baseTime), zone };
    case 'hourly':
      return { kind: 'cron', expression: HOURLY_CRON, zone };
    case 'live':
      return { kind: 'live', perHour: cadence.perHour ?? (base?.kind === 'live' ? base.perHour : DEFAULT_LIVE_PER_HOUR), zone };
  }
}
