import {
  applySettingsChange,
  authorRefOf,
  authorSubscriptionTag,
  cadenceOf,
  describeSchedule,
  parseSchedule,
  parseSettingsChange,
  resolveAuthor,
  subscriptionSubject,
  type AuthorStore,
  type DeliveryTarget,
  type FollowedAuthor,
  type Subscription,
  type SubscriptionSettings,
} from '../../core/index.ts';
import { hashtagOrFail } from '../arguments.ts';
import { describeFailure, wording } from '../core.ts';
import { findPlatform, PLATFORMS } from '../../platforms/index.ts';
import { UsageError } from '../context.ts';

// The work behind `spool subscriptions …`, loaded only when one of them runs (see subscriptions.ts).

export interface AddOptions {
  platform: string;
  chat: string;
  topic?: string;
  tag?: string;
  author?: string;
  at?: string;
  tz?: string;
  cron?: string;
  weekly?: string;
  hourly?: boolean;
  live?: boolean | string;
  lang?: string;
  minPosts?: string;
  require?: string[];
  exclude?: string[];
  mute?: string[];
  json?: boolean;
}

/** The JSON of `list --json` and `add --json`: everything an operator's script may need. */
export function subscriptionJson(s: Subscription): Record<string, unknown> {
  const langs = s.langs ?? (s.lang ? [s.lang] : []);
  return {
    id: s.id,
    platform: s.target.platform,
    chatId: shownChat(s.target.platform, s.target.chatId),
    topicId: s.target.topicId ?? null,
    tag: s.author ? null : s.tag,
    author: s.author ? s.author.ref : null,
    subject: subscriptionSubject(s),
    schedule: describeSchedule(s.schedule),
    cadence: cadenceOf(s.schedule).kind,
    ...(s.schedule.kind === 'daily' ? { at: s.schedule.time } : s.schedule.kind === 'cron' ? { cron: s.schedule.expression } : { perHour: s.schedule.perHour }),
    tz: s.schedule.zone,
    lang: langs.length === 1 ? langs[0] : null,
    langs,
    minPosts: s.minPosts ?? null,
    require: s.require ?? [],
    exclude: s.exclude ?? [],
    muted: s.muted ?? [],
    createdAt: s.createdAt.toISOString(),
    paused: s.pausedAt !== undefined,
    pausedAt: s.pausedAt?.toISOString() ?? null,
    pausedReason: s.pausedReason ?? null,
  };
}

/** "in English or French, of 3+ posts" — the same words /subscriptions uses. */
export function filterWords(s: SubscriptionSettings): string {
  return wording
    .filters({ langs: s.langs ?? (s.lang ? [s.lang] : []), minPosts: s.minPosts, require: s.require, exclude: s.exclude, muted: s.muted })
    .join(', ');
}

export function describeLine(s: Subscription): string {
  const where = `${s.target.platform} ${shownChat(s.target.platform, s.target.chatId)}${s.target.topicId ? `/${s.target.topicId}` : ''}`;
  const filters = filterWords(s);
  const state = s.pausedAt ? `paused since ${s.pausedAt.toISOString()}: ${s.pausedReason ?? 'no reason given'}` : 'active';
  return `${s.id}\t${where}\t${subscriptionSubject(s)}\t${wording.cadence(cadenceOf(s.schedule))}${filters ? ` (threads ${filters})` : ''}\t${state}`;
}

/** A chat as lists and logs show it: a secret chat id (a webhook URL) masked. */
export function shownChat(platformId: string, chatId: string): string {
  return findPlatform(platformId)?.chatId.show?.(chatId) ?? chatId;
}

/**
 * The flags as the option words a chat would type (`--weekly mon --at 09:00` → `weekly mon 09:00`),
 * so that the CLI and `/subscribe` share one parser and one sentence per mistake. `--cron` has no chat
 * word: it replaces the schedule afterwards.
 */
function optionWords(opts: AddOptions): string[] {
  const words: string[] = [];
  if (opts.weekly !== undefined) words.push('weekly', opts.weekly);
  if (opts.hourly) words.push('hourly');
  if (opts.live !== undefined && opts.live !== false) words.push(opts.live === true ? 'live' : `live:${opts.live}`);
  if (opts.at !== undefined) words.push(opts.at);
  if (opts.tz !== undefined) words.push(opts.tz);
  if (opts.lang !== undefined) words.push(`lang:${opts.lang}`);
  if (opts.minPosts !== undefined) words.push(`min:${opts.minPosts}`);
  const split = (values: readonly string[] | undefined) =>
    (values ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  for (const word of split(opts.require)) words.push(`+${word.replace(/^\+/u, '')}`);
  for (const word of split(opts.exclude)) words.push(`-${word.replace(/^-/u, '')}`);
  for (const handle of split(opts.mute)) words.push(`mute:${handle.startsWith('@') ? handle : `@${handle}`}`);
  return words;
}

/** The request of `subscriptions add`, checked without the store: where, what to follow, and the option change. */
export function parseAdd(opts: AddOptions) {
  const platform = findPlatform(opts.platform);
  if (!platform) throw new UsageError(`--platform "${opts.platform}" is not one of ${PLATFORMS.map((p) => p.id).join(', ')}`);
  if (!platform.chatId.pattern.test(opts.chat)) {
    throw new UsageError(`--chat "${shownChat(platform.id, opts.chat)}" is not a ${platform.id} chat id (${platform.chatId.example})`);
  }
  if (opts.topic !== undefined && !/^\d{1,20}$/u.test(opts.topic)) throw new UsageError(`--topic "${opts.topic}" is not a topic id`);
  if ((opts.tag === undefined) === (opts.author === undefined)) throw new UsageError('give --tag or --author (one of them)');
  const cadences = [
    opts.at !== undefined && opts.weekly === undefined,
    opts.cron !== undefined,
    opts.weekly !== undefined,
    opts.hourly === true,
    opts.live !== undefined && opts.live !== false,
  ].filter(Boolean).length;
  if (cadences > 1) throw new UsageError('use one of --at, --weekly, --hourly, --live or --cron');
  const change = parseSettingsChange(optionWords(opts));
  if (!change.ok) throw new UsageError(describeFailure(change.failure));
  const cron = opts.cron === undefined ? undefined : parseSchedule({ cron: opts.cron, zone: opts.tz });
  if (cron && !cron.ok) throw new UsageError(describeFailure(cron.failure));
  const target: DeliveryTarget = { platform: opts.platform, chatId: opts.chat, topicId: opts.topic };
  const subject =
    opts.tag !== undefined ? { tag: hashtagOrFail(opts.tag) } : { author: (opts.author ?? '').startsWith('@') ? (opts.author ?? '') : `@${opts.author ?? ''}` };
  return { target, subject, change: change.value, cron: cron?.ok ? cron.value : undefined };
}

/** What to store: the tag (an author's `@key`) and the followed author, found in the store. */
export async function resolveSubject(
  subject: { tag: string } | { author: string },
  authors: Pick<AuthorStore, 'findAuthors'>,
): Promise<{ tag: string; author?: FollowedAuthor }> {
  if ('tag' in subject) return { tag: subject.tag };
  const found = await resolveAuthor(subject.author, authors);
  if (!found.ok) throw new UsageError(describeFailure(found.failure));
  const author = { key: found.value.key, ref: authorRefOf(found.value), name: found.value.name };
  return { tag: authorSubscriptionTag(author.key), author };
}

/** The settings after the change: `--cron` replaces the schedule the other options made. */
export function settingsAfter(existing: Subscription | undefined, request: ReturnType<typeof parseAdd>): SubscriptionSettings {
  const settings = applySettingsChange(existing, request.change);
  return request.cron ? { ...settings, schedule: request.cron } : settings;
}
