import {
  fail,
  ok,
  type ChatPlatform,
  type DeliveryTarget,
  type FollowedTags,
  type NewSubscription,
  type SubscriptionLimits,
  type SubscriptionLifecycle,
  type SubscriptionStore,
} from '../core/index.ts';
import type { Clock } from '../core/index.ts';
import type { Db } from './db.ts';
import { settingsColumns, toSubscription, type SubscriptionRow } from './subscription-columns.ts';
import type { Sync } from './sync.ts';

export type SqliteSubscriptions = SubscriptionStore & SubscriptionLifecycle & FollowedTags;

/** Subscriptions in SQLite: the chat commands' and the CLI's store, the scheduler's lifecycle, the pollers' tag list. */
export function createSqliteSubscriptions(db: Db, clock: Clock): Sync<SqliteSubscriptions> {
  const byTarget = db.prepare<[string, string, string, string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ? AND topic_id = ? AND tag = ?',
  );
  const byId = db.prepare<[number], SubscriptionRow>('SELECT * FROM subscriptions WHERE id = ?');
  const countForChat = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM subscriptions WHERE platform = ? AND chat_id = ?');
  const countForCreator = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM subscriptions WHERE created_by = ? AND paused_at IS NULL');
  const tagFollowed = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM subscriptions WHERE tag = ? AND paused_at IS NULL LIMIT 1');
  // The followed-tags cap bounds what the pollers follow: author subscriptions (`@key`) add nothing to poll.
  const countFollowed = db.prepare<[], { n: number }>(`SELECT COUNT(DISTINCT tag) AS n FROM subscriptions WHERE paused_at IS NULL AND tag NOT LIKE '@%'`);
  const insert = db.prepare(`
    INSERT INTO subscriptions (platform, chat_id, topic_id, tag, schedule_kind, schedule, zone, lang, min_posts, options, created_at, created_by)
    VALUES (@platform, @chatId, @topicId, @tag, @kind, @schedule, @zone, @lang, @minPosts, @options, @now, @createdBy)`);
  // Renewing restarts the clock: a renewed subscription owes nothing for the time it was paused.
  const renew = db.prepare(`
    UPDATE subscriptions SET schedule_kind = @kind, schedule = @schedule, zone = @zone, lang = @lang, min_posts = @minPosts,
      options = @options, created_at = @now, created_by = @createdBy, paused_at = NULL, paused_reason = NULL
    WHERE id = @id`);
  // Changing settings keeps the clock: the next digest still starts where the last one ended.
  const change = db.prepare(`
    UPDATE subscriptions SET schedule_kind = @kind, schedule = @schedule, zone = @zone, lang = @lang, min_posts = @minPosts,
      options = @options
    WHERE id = @id`);
  const deleteById = db.prepare<[number]>('DELETE FROM subscriptions WHERE id = ?');
  const listAll = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY id');
  const listActive = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions WHERE paused_at IS NULL ORDER BY id');
  const listChat = db.prepare<[string, string], SubscriptionRow>('SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ? ORDER BY id');
  const pauseChat = db.prepare<[number, string, string, string]>(
    'UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE platform = ? AND chat_id = ? AND paused_at IS NULL',
  );
  const pauseOne = db.prepare<[number, string, number]>('UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE id = ?');
  const move = db.prepare<[string, string, string]>('UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE platform = ? AND chat_id = ?');
  const dropLeftovers = db.prepare<[string, string]>('DELETE FROM subscriptions WHERE platform = ? AND chat_id = ?');
  // Author subscriptions are stored under `@key`: no hashtag starts with `@`, and the pollers follow hashtags.
  const followed = db.prepare<[], { tag: string }>(`SELECT DISTINCT tag FROM subscriptions WHERE paused_at IS NULL AND tag NOT LIKE '@%' ORDER BY tag`);

  type AddResult = ReturnType<Sync<SubscriptionStore>['add']>;
  /** The per-person and global caps, which a renewal must pass too (a paused subscription counts for neither). */
  function overCaps(input: NewSubscription, limits: SubscriptionLimits): AddResult | undefined {
    if (input.createdBy !== undefined && limits.maxPerUser !== undefined && (countForCreator.get(input.createdBy)?.n ?? 0) >= limits.maxPerUser) {
      return fail({ code: 'subscription.user-limit', limit: limits.maxPerUser });
    }
    if (
      limits.maxFollowedTags !== undefined &&
      input.author === undefined &&
      !tagFollowed.get(input.tag) &&
      (countFollowed.get()?.n ?? 0) >= limits.maxFollowedTags
    ) {
      return fail({ code: 'subscription.tag-limit', limit: limits.maxFollowedTags });
    }
    return undefined;
  }

  const add = db.transaction((input: NewSubscription, limits: SubscriptionLimits): AddResult => {
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
      createdBy: input.createdBy ?? null,
    };
    if (existing) {
      if (existing.paused_at === null) return fail({ code: 'subscription.exists', tag: input.tag });
      const refused = overCaps(input, limits);
      if (refused) return refused;
      renew.run({ ...params, id: existing.id });
      return ok({ subscription: toSubscription(byId.get(existing.id) as SubscriptionRow), renewed: true });
    }
    const count = countForChat.get(target.platform, target.chatId)?.n ?? 0;
    if (count >= limits.maxPerChat) return fail({ code: 'subscription.limit', limit: limits.maxPerChat });
    const refused = overCaps(input, limits);
    if (refused) return refused;
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
