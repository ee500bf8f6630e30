import {
  describeSchedule,
  parseSchedule,
  type DeliveryTarget,
  type Subscription,
} from '../../core/index.ts';
import { hashtagOrFail, languageOrFail } from '../arguments.ts';
import { describeFailure } from '../core.ts';
import { findPlatform, PLATFORMS } from '../../platforms/index.ts';
import { UsageError } from '../context.ts';

// The work behind `spool subscriptions …`, loaded only when one of them runs (see subscriptions.ts).

export interface AddOptions {
  platform: string;
  chat: string;
  topic?: string;
  tag: string;
  at?: string;
  tz?: string;
  cron?: string;
  lang?: string;
  minPosts?: string;
  json?: boolean;
}

/** The JSON of `list --json` and `add --json`: everything an operator's script may need. */
export function subscriptionJson(s: Subscription): Record<string, unknown> {
  return {
    id: s.id,
    platform: s.target.platform,
    chatId: shownChat(s.target.platform, s.target.chatId),
    topicId: s.target.topicId ?? null,
    tag: s.tag,
    schedule: describeSchedule(s.schedule),
    ...(s.schedule.kind === 'daily' ? { at: s.schedule.time } : { cron: s.schedule.expression }),
    tz: s.schedule.zone,
    lang: s.lang ?? null,
    minPosts: s.minPosts ?? null,
    createdAt: s.createdAt.toISOString(),
    paused: s.pausedAt !== undefined,
    pausedAt: s.pausedAt?.toISOString() ?? null,
    pausedReason: s.pausedReason ?? null,
  };
}

export function describeLine(s: Subscription): string {
  const where = `${s.target.platform} ${shownChat(s.target.platform, s.target.chatId)}${s.target.topicId ? `/${s.target.topicId}` : ''}`;
  const filters = [s.lang ? `lang ${s.lang}` : '', s.minPosts ? `≥${s.minPosts} posts` : ''].filter(Boolean).join(', ');
  const state = s.pausedAt ? `paused since ${s.pausedAt.toISOString()}: ${s.pausedReason ?? 'no reason given'}` : 'active';
  return `${s.id}\t${where}\t#${s.tag}\t${describeSchedule(s.schedule)}${filters ? ` (${filters})` : ''}\t${state}`;
}

/** A chat as lists and logs show it: a secret chat id (a webhook URL) masked. */
export function shownChat(platformId: string, chatId: string): string {
  return findPlatform(platformId)?.chatId.show?.(chatId) ?? chatId;
}

export function parseAdd(opts: AddOptions) {
  const platform = findPlatform(opts.platform);
  if (!platform) throw new UsageError(`--platform "${opts.platform}" is not one of ${PLATFORMS.map((p) => p.id).join(', ')}`);
  if (!platform.chatId.pattern.test(opts.chat)) {
    throw new UsageError(`--chat "${shownChat(platform.id, opts.chat)}" is not a ${platform.id} chat id (${platform.chatId.example})`);
  }
  if (opts.topic !== undefined && !/^\d{1,20}$/u.test(opts.topic)) throw new UsageError(`--topic "${opts.topic}" is not a topic id`);
  if (opts.at !== undefined && opts.cron !== undefined) throw new UsageError('use --at or --cron, not both');
  const tag = hashtagOrFail(opts.tag);
  const schedule = parseSchedule({ time: opts.at, zone: opts.tz, cron: opts.cron });
  if (!schedule.ok) throw new UsageError(describeFailure(schedule.failure));
  const lang = languageOrFail('--lang', opts.lang);
  const minPosts = opts.minPosts === undefined ? undefined : Number(opts.minPosts);
  if (minPosts !== undefined && (!Number.isInteger(minPosts) || minPosts < 1 || minPosts > 1000)) {
    throw new UsageError(`--min-posts must be a whole number from 1 to 1000, not "${opts.minPosts}"`);
  }
  const target: DeliveryTarget = { platform: opts.platform, chatId: opts.chat, topicId: opts.topic };
  return { target, tag, schedule: schedule.value, lang, minPosts };
}
