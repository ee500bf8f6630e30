import { fail, ok, type Clock, type NewSubscription, type Subscriptions } from '../../core/index.ts';
import { settingsColumns, toSubscription, type SubscriptionRow } from '../subscription-columns.ts';
import type { Sql } from './connect.ts';

/**
 * Subscriptions in PostgreSQL. `add` checks the per-chat cap and writes in one transaction that first
 * takes a lock on the chat (a transaction-level advisory lock on its key), so that two replicas
 * answering the same chat at once cannot both pass the cap.
 */
export function createPostgresSubscriptions(sql: Sql, clock: Clock): Subscriptions {
  return {
    add(input: NewSubscription, limits) {
      const { target } = input;
      const topicId = target.topicId ?? '';
      const columns = settingsColumns(input, input.author);
      const now = clock.now().getTime();
      return sql.begin(async (tx) => {
        await tx`SELECT pg_advisory_xact_lock(hashtextextended(${`subscriptions ${target.platform} ${target.chatId}`}, 0))`;
        // The per-person and global caps span chats: adds that could pass them take one lock more, in a fixed order.
        if (limits.maxPerUser !== undefined || limits.maxFollowedTags !== undefined)
          await tx`SELECT pg_advisory_xact_lock(hashtextextended('subscriptions caps', 0))`;
        /** The per-person and global caps, which a renewal must pass too (a paused subscription counts for neither). */
        const overCaps = async () => {
          if (input.createdBy !== undefined && limits.maxPerUser !== undefined) {
            const [mine] = await tx<{ n: number }[]>`SELECT COUNT(*)::int AS n FROM subscriptions WHERE created_by = ${input.createdBy} AND paused_at IS NULL`;
            if ((mine?.n ?? 0) >= limits.maxPerUser) return fail({ code: 'subscription.user-limit' as const, limit: limits.maxPerUser });
          }
          // Author subscriptions (`@key`) add nothing for the pollers to follow: the followed-tags cap leaves them out.
          if (limits.maxFollowedTags !== undefined && input.author === undefined) {
            const [followed] = await tx<{ n: number; here: boolean }[]>`
              SELECT COUNT(DISTINCT tag)::int AS n, bool_or(tag = ${input.tag}) AS here FROM subscriptions WHERE paused_at IS NULL AND tag NOT LIKE '@%'`;
            if (!followed?.here && (followed?.n ?? 0) >= limits.maxFollowedTags)
              return fail({ code: 'subscription.tag-limit' as const, limit: limits.maxFollowedTags });
          }
          return undefined;
        };
        const [existing] = await tx<SubscriptionRow[]>`
          SELECT * FROM subscriptions
          WHERE platform = ${target.platform} AND chat_id = ${target.chatId} AND topic_id = ${topicId} AND tag = ${input.tag}`;
        if (existing) {
          if (existing.paused_at === null) return fail({ code: 'subscription.exists', tag: input.tag });
          const refused = await overCaps();
          if (refused) return refused;
          // Renewing restarts the clock: a renewed subscription owes nothing for the time it was paused.
          const [renewed] = await tx<SubscriptionRow[]>`
            UPDATE subscriptions SET schedule_kind = ${columns.kind}, schedule = ${columns.schedule}, zone = ${columns.zone},
              lang = ${columns.lang}, min_posts = ${columns.minPosts}, options = ${columns.options}, created_at = ${now},
              created_by = ${input.createdBy ?? null}, paused_at = NULL, paused_reason = NULL
            WHERE id = ${existing.id} RETURNING *`;
          return ok({ subscription: toSubscription(renewed as SubscriptionRow), renewed: true });
        }
        const [count] = await tx<{ n: number }[]>`
          SELECT COUNT(*) AS n FROM subscriptions WHERE platform = ${target.platform} AND chat_id = ${target.chatId}`;
        if ((count?.n ?? 0) >= limits.maxPerChat) return fail({ code: 'subscription.limit', limit: limits.maxPerChat });
        const refused = await overCaps();
        if (refused) return refused;
        const [inserted] = await tx<SubscriptionRow[]>`
          INSERT INTO subscriptions (platform, chat_id, topic_id, tag, schedule_kind, schedule, zone, lang, min_posts, options, created_at, created_by)
          VALUES (${target.platform}, ${target.chatId}, ${topicId}, ${input.tag}, ${columns.kind}, ${columns.schedule},
                  ${columns.zone}, ${columns.lang}, ${columns.minPosts}, ${columns.options}, ${now}, ${input.createdBy ?? null})
          RETURNING *`;
        return ok({ subscription: toSubscription(inserted as SubscriptionRow), renewed: false });
      });
    },
    async remove(id) {
      const [row] = await sql<SubscriptionRow[]>`DELETE FROM subscriptions WHERE id = ${id} RETURNING *`;
      return row ? toSubscription(row) : undefined;
    },
    async find(target, tag) {
      const [row] = await sql<SubscriptionRow[]>`
        SELECT * FROM subscriptions
        WHERE platform = ${target.platform} AND chat_id = ${target.chatId} AND topic_id = ${target.topicId ?? ''} AND tag = ${tag}`;
      return row ? toSubscription(row) : undefined;
    },
    async update(id, settings) {
      return sql.begin(async (tx) => {
        const [row] = await tx<SubscriptionRow[]>`SELECT * FROM subscriptions WHERE id = ${id} FOR UPDATE`;
        if (!row) return undefined;
        // Changing settings keeps the clock: the next digest still starts where the last one ended.
        const columns = settingsColumns(settings, toSubscription(row).author);
        const [changed] = await tx<SubscriptionRow[]>`
          UPDATE subscriptions SET schedule_kind = ${columns.kind}, schedule = ${columns.schedule}, zone = ${columns.zone},
            lang = ${columns.lang}, min_posts = ${columns.minPosts}, options = ${columns.options}
          WHERE id = ${id} RETURNING *`;
        return changed ? toSubscription(changed) : undefined;
      });
    },
    async list(filter = {}) {
      const rows =
        filter.platform !== undefined && filter.chatId !== undefined
          ? await sql<SubscriptionRow[]>`SELECT * FROM subscriptions WHERE platform = ${filter.platform} AND chat_id = ${filter.chatId} ORDER BY id`
          : filter.activeOnly
            ? await sql<SubscriptionRow[]>`SELECT * FROM subscriptions WHERE paused_at IS NULL ORDER BY id`
            : await sql<SubscriptionRow[]>`SELECT * FROM subscriptions ORDER BY id`;
      return rows.filter((r) => !filter.activeOnly || r.paused_at === null).map(toSubscription);
    },
    async pauseChat(platform, chatId, reason, at) {
      const result = await sql`
        UPDATE subscriptions SET paused_at = ${at.getTime()}, paused_reason = ${reason}
        WHERE platform = ${platform} AND chat_id = ${chatId} AND paused_at IS NULL`;
      return result.count;
    },
    async pause(id, reason, at) {
      await sql`UPDATE subscriptions SET paused_at = ${at.getTime()}, paused_reason = ${reason} WHERE id = ${id}`;
    },
    moveChat(platform, fromChatId, toChatId) {
      return sql.begin(async (tx) => {
        // What would collide with a subscription the new chat already has stays behind and goes: the new chat's own wins.
        const moved = await tx`
          UPDATE subscriptions s SET chat_id = ${toChatId}
          WHERE s.platform = ${platform} AND s.chat_id = ${fromChatId}
            AND NOT EXISTS (SELECT 1 FROM subscriptions o WHERE o.platform = s.platform AND o.chat_id = ${toChatId}
                              AND o.topic_id = s.topic_id AND o.tag = s.tag)`;
        await tx`DELETE FROM subscriptions WHERE platform = ${platform} AND chat_id = ${fromChatId}`;
        return moved.count;
      });
    },
    async followedTags() {
      // Author subscriptions are stored under `@key`: no hashtag starts with `@`, and the pollers follow hashtags.
      const rows = await sql<{ tag: string }[]>`SELECT DISTINCT tag FROM subscriptions WHERE paused_at IS NULL AND tag NOT LIKE '@%' ORDER BY tag`;
      return rows.map((r) => r.tag);
    },
  };
}
