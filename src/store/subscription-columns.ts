import type { ChatPlatform, Schedule, Subscription, SubscriptionSettings } from '../core/index.ts';

/**
 * A subscription's row, the same on both engines, and its settings as columns: what the SQL of
 * each engine reads and writes, decoded and encoded once here.
 */
export interface SubscriptionRow {
  id: number;
  platform: ChatPlatform;
  chat_id: string;
  topic_id: string;
  tag: string;
  schedule_kind: 'daily' | 'cron';
  schedule: string;
  zone: string;
  lang: string | null;
  min_posts: number | null;
  created_at: number;
  paused_at: number | null;
  paused_reason: string | null;
  options: string | null;
}

/**
 * The `options` column (SQLite migration 007, PostgreSQL 003): what the older columns cannot say. A live schedule is stored
 * as schedule_kind 'cron' with `* * * * *` (the CHECK on schedule_kind predates it) and `live` here.
 */
interface StoredOptions {
  langs?: string[];
  require?: string[];
  exclude?: string[];
  muted?: string[];
  author?: { readonly key: string; readonly ref: string; readonly name: string };
  live?: { perHour: number };
}

const LIVE_CRON = '* * * * *';

export function toSubscription(row: SubscriptionRow): Subscription {
  const options = row.options ? (JSON.parse(row.options) as StoredOptions) : {};
  const schedule: Schedule = options.live
    ? { kind: 'live', perHour: options.live.perHour, zone: row.zone }
    : row.schedule_kind === 'daily'
      ? { kind: 'daily', time: row.schedule, zone: row.zone }
      : { kind: 'cron', expression: row.schedule, zone: row.zone };
  return {
    id: row.id,
    target: { platform: row.platform, chatId: row.chat_id, topicId: row.topic_id === '' ? undefined : row.topic_id },
    tag: row.tag,
    ...(options.author ? { author: options.author } : {}),
    schedule,
    lang: row.lang ?? undefined,
    langs: options.langs ?? (row.lang ? [row.lang] : []),
    minPosts: row.min_posts ?? undefined,
    require: options.require ?? [],
    exclude: options.exclude ?? [],
    muted: options.muted ?? [],
    createdAt: new Date(row.created_at),
    pausedAt: row.paused_at === null ? undefined : new Date(row.paused_at),
    pausedReason: row.paused_reason ?? undefined,
  };
}

/** The columns a subscription's settings are written to (and its followed author, kept with the options). */
export function settingsColumns(settings: SubscriptionSettings, author: Subscription['author']) {
  const { schedule } = settings;
  const langs = settings.langs ?? (settings.lang ? [settings.lang] : []);
  const options: StoredOptions = {
    ...(langs.length > 1 ? { langs: [...langs] } : {}),
    ...(settings.require?.length ? { require: [...settings.require] } : {}),
    ...(settings.exclude?.length ? { exclude: [...settings.exclude] } : {}),
    ...(settings.muted?.length ? { muted: [...settings.muted] } : {}),
    ...(author ? { author } : {}),
    ...(schedule.kind === 'live' ? { live: { perHour: schedule.perHour } } : {}),
  };
  return {
    kind: schedule.kind === 'daily' ? 'daily' : 'cron',
    schedule: schedule.kind === 'daily' ? schedule.time : schedule.kind === 'cron' ? schedule.expression : LIVE_CRON,
    zone: schedule.zone,
    lang: langs.length === 1 ? (langs[0] ?? null) : null,
    minPosts: settings.minPosts ?? null,
    options: Object.keys(options).length > 0 ? JSON.stringify(options) : null,
  };
}
