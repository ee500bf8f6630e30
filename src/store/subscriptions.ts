import {
  fail,
  ok,
  type ChatPlatform,
  type DeliveryTarget,
  type FollowedTags,
  type NewSubscription,
  type Schedule,
  type Subscription,
  type SubscriptionLifecycle,
  type SubscriptionSettings,
  type SubscriptionStore,
} from '../core/index.ts';
import type { Clock } from '../core/index.ts';
import type { Db } from './db.ts';
import type { Sync } from './sync.ts';

interface SubscriptionRow {
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
 * The `options` column (migration 005): what the older columns cannot say. A live schedule is stored
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

function toSubscription(row: SubscriptionRow): Subscription {
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
function settingsColumns(settings: SubscriptionSettings, author: Subscription['author']) {
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

export type SqliteSubscriptions = SubscriptionStore & SubscriptionLifecycle & FollowedTags;

/** Subscriptions in SQLite: the chat commands' and the CLI's store, the scheduler's lifecycle, the pollers' tag list. */
export function createSqliteSubscriptions(db: Db, clock: Clock): Sync<SqliteSubscriptions> {
  const byTarget = db.prepare<[string, string, string, string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ? AND topic_id = ? AND tag = ?',
  );
  const byId = db.prepare<[number], SubscriptionRow>('SELECT * FROM subscriptions WHERE id = ?');
  const countForChat = db.prepare<[string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM subscriptions WHERE platform = ? AND chat_id = ?',
  );
  const insert = db.prepare(`
    INSERT INTO subscriptions (platform, chat_id, topic_id, tag, schedule_kind, schedule, zone, lang, min_posts, options, created_at)
    VALUES (@platform, @chatId, @topicId, @tag, @kind, @schedule, @zone, @lang, @minPosts, @options, @now)`);
  // Renewing restarts the clock: a renewed subscription owes nothing for the time it was paused.
  const renew = db.prepare(`
    UPDATE subscriptions SET schedule_kind = @kind, schedule = @schedule, zone = @zone, lang = @lang, min_posts = @minPosts,
      options = @options, created_at = @now, paused_at = NULL, paused_reason = NULL
    WHERE id = @id`);
  // Changing settings keeps the clock: the next digest still starts where the last one ended.
  const change = db.prepare(`
    UPDATE subscriptions SET schedule_kind = @kind, schedule = @schedule, zone = @zone, lang = @lang, min_posts = @minPosts,
      options = @options
    WHERE id = @id`);
  const deleteById = db.prepare<[number]>('DELETE FROM subscriptions WHERE id = ?');
  const listAll = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY id');
  const listActive = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions WHERE paused_at IS NULL ORDER BY id');
  const listChat = db.prepare<[string, string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ? ORDER BY id',
  );
  const pauseChat = db.prepare<[number, string, string, string]>(
    'UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE platform = ? AND chat_id = ? AND paused_at IS NULL',
  );
  const pauseOne = db.prepare<[number, string, number]>('UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE id = ?');
  const move = db.prepare<[string, string, string]>(
    'UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE platform = ? AND chat_id = ?',
  );
  const dropLeftovers = db.prepare<[string, string]>('DELETE FROM subscriptions WHERE platform = ? AND chat_id = ?');
  // Author subscriptions are stored under `@key`: no hashtag starts with `@`, and the pollers follow hashtags.
  const followed = db.prepare<[], { tag: string }>(`SELECT DISTINCT tag FROM subscriptions WHERE paused_at IS NULL AND tag NOT LIKE '@%' ORDER BY tag`);

  type AddResult = ReturnType<Sync<SubscriptionStore>['add']>;
  const add = db.transaction((input: NewSubscription, limits: { readonly maxPerChat: number }): AddResult => {
    const { target } = input;
    const topicId = target.topicId ?? '';
    const existing = byTarget.get(target.platform, target.chatId, topicId, input.tag);
    const params = {
      platform: target.platform,
      chatId: target.chatId,
      topicId,
      tag: input.tag,
      ...settingsColumns(input, input.author),
      now: clock.now().getTime(),
    };
    if (existing) {
      if (existing.paused_at === null) return fail({ code: 'subscription.exists', tag: input.tag });
      renew.run({ ...params, id: existing.id });
      return ok({ subscription: toSubscription(byId.get(existing.id) as SubscriptionRow), renewed: true });
    }
    const count = countForChat.get(target.platform, target.chatId)?.n ?? 0;
    if (count >= limits.maxPerChat) return fail({ code: 'subscription.limit', limit: limits.maxPerChat });
    const id = Number(insert.run(params).lastInsertRowid);
    return ok({ subscription: toSubscription(byId.get(id) as SubscriptionRow), renewed: false });
  });

  return {
    add,
    remove(id) {
      const row = byId.get(id);
      if (!row) return undefined;
      deleteById.run(id);
      return toSubscription(row);
    },
    find(target: DeliveryTarget, tag: string) {
      const row = byTarget.get(target.platform, target.chatId, target.topicId ?? '', tag);
      return row ? toSubscription(row) : undefined;
    },
    update(id, settings) {
      const row = byId.get(id);
      if (!row) return undefined;
      change.run({ id, ...settingsColumns(settings, toSubscription(row).author) });
      return toSubscription(byId.get(id) as SubscriptionRow);
    },
    list(filter = {}) {
      const rows =
        filter.platform !== undefined && filter.chatId !== undefined
          ? listChat.all(filter.platform, filter.chatId)
          : filter.activeOnly
            ? listActive.all()
            : listAll.all();
      return rows.filter((r) => !filter.activeOnly || r.paused_at === null).map(toSubscription);
    },
    pauseChat(platform, chatId, reason, at) {
      return pauseChat.run(at.getTime(), reason, platform, chatId).changes;
    },
    pause(id, reason, at) {
      pauseOne.run(at.getTime(), reason, id);
    },
    moveChat: db.transaction((platform: ChatPlatform, fromChatId: string, toChatId: string): number => {
      const moved = move.run(toChatId, platform, fromChatId).changes;
      // What could not move already exists in the new chat: the new chat's own subscription wins.
      dropLeftovers.run(platform, fromChatId);
      return moved;
    }),
    followedTags() {
      return followed.all().map((r) => r.tag);
    },
  };
}
