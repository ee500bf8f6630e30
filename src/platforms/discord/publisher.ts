import { createHash } from 'node:crypto';
import { REST, Routes } from 'discord.js';
import {
  addWithheld,
  DEFAULT_PRESENTATION,
  withholdFor,
  type DeliveryOutcome,
  type Digest,
  type DigestDelivery,
  type DigestPublisher,
  type Log,
} from '../../core/index.ts';
import { CHANNEL_TYPE, DISCORD_LIMITS } from './limits.ts';
import { forumPostName, renderDiscordDigest, type DiscordMessage } from './render-digest.ts';
import { describeDiscordError, outcomeOf } from './rest-errors.ts';
import { activeThreadsAnswer, channelAnswer, createdAnswer, parseAnswer, userAnswer } from './rest-schemas.ts';
import { discordPlatform } from './platform.ts';

type Channel = { readonly id: string; readonly type: number; readonly guild_id?: string | undefined; readonly nsfw?: boolean | undefined };

/**
 * The digest as this channel may receive it: age-restricted threads are withheld from a channel not
 * marked NSFW (Discord's rule for adult and graphic content), whatever the chat's sensitive setting,
 * and the closing line says how many. Decided here because only Discord knows the channel's mark.
 */
export function digestForChannel(digest: Digest, nsfw: boolean): Digest {
  if (nsfw) return digest;
  const { kept, withheld } = withholdFor(digest.items, { sensitive: 'show', ageRestrictedAllowed: false });
  return withheld.ageRestricted === 0 ? digest : { ...digest, items: kept, withheld: addWithheld(digest.withheld, withheld) };
}

export interface DiscordPublisherOptions {
  readonly token: string;
  /** REST base without the version, e.g. `https://discord.com/api` (DISCORD_API_URL). */
  readonly apiUrl: string;
  readonly log: Log;
  /** An existing REST client (the bot's), so the bot and its publisher share rate-limit buckets. */
  readonly rest?: REST;
  /** A 429 asking to wait longer than this becomes `failed` with `retryAfterMs` instead of blocking. Default 60 s. */
  readonly maxRateLimitWaitMs?: number;
}

/** discord.js's REST client as Spool configures it: v10, waits out 429s up to `maxWaitMs`. */
export function createDiscordRest(options: { token: string; apiUrl: string; maxWaitMs?: number }): REST {
  const maxWait = options.maxWaitMs ?? 60_000;
  return new REST({
    api: options.apiUrl.replace(/\/+$/u, ''),
    version: '10',
    retries: 2,
    timeout: 15_000,
    rejectOnRateLimit: (info) => Math.max(info.retryAfter, info.timeToReset) > maxWait,
  }).setToken(options.token);
}

/**
 * A nonce for part `part` of a delivery: the same key and part always give the same nonce, so
 * Discord (with `enforce_nonce`) returns the first message instead of posting a retried digest twice.
 * Hashed because keys are arbitrary and a nonce holds 25 characters.
 */
export function deliveryNonce(idempotencyKey: string, part: number): string {
  const nonce = `${createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 20)}.${part}`;
  return nonce.slice(0, DISCORD_LIMITS.nonce);
}

/**
 * The Discord digest publisher, over REST only: `spool send-digests` uses it without a gateway
 * login, and the bot hands out the same implementation. Text and announcement channels get the
 * digest as one or more messages; forum channels get one new post per digest, titled with the tag
 * and date. Never throws for a Discord answer: gone channels and failures come back as outcomes.
 *
 * Limit: a forum post itself cannot carry a nonce; a retry finds the post it made earlier by name
 * among the guild's active threads (or in memory) and adds only the missing parts.
 */
export function createDiscordPublisher(options: DiscordPublisherOptions): DigestPublisher {
  const rest = options.rest ?? createDiscordRest({ token: options.token, apiUrl: options.apiUrl, maxWaitMs: options.maxRateLimitWaitMs });
  const { log } = options;
  const forumPosts = new Map<string, string>();
  let me: Promise<{ id: string }> | undefined;

  async function sendMessage(channelId: string, body: DiscordMessage, nonce: string): Promise<void> {
    await rest.post(Routes.channelMessages(channelId), { body: { ...body, nonce, enforce_nonce: true } });
  }

  async function findForumPost(channel: Channel, name: string, key: string): Promise<string | undefined> {
    const known = forumPosts.get(key);
    if (known) return known;
    if (!channel.guild_id) return undefined;
    if (!me) {
      me = rest.get(Routes.user('@me')).then((body) => parseAnswer(userAnswer, 'GET /users/@me', body));
      me.catch(() => (me = undefined)); // ask again next time rather than keep a failure
    }
    const [user, active] = await Promise.all([
      me,
      rest.get(Routes.guildActiveThreads(channel.guild_id)).then((body) => parseAnswer(activeThreadsAnswer, 'GET /guilds/{id}/threads/active', body)),
    ]);
    return active.threads.find((t) => t.parent_id === channel.id && t.name === name && t.owner_id === user.id)?.id;
  }

  async function publishToForum(channel: Channel, delivery: DigestDelivery, parts: DiscordMessage[]): Promise<number> {
    if (parts.length === 0) return 0;
    const name = forumPostName(delivery.digest);
    let threadId = await findForumPost(channel, name, delivery.idempotencyKey);
    const [first, ...later] = parts;
    if (!threadId && first) {
      const created = parseAnswer(
        createdAnswer,
        'POST /channels/{id}/threads',
        await rest.post(Routes.threads(channel.id), { body: { name, message: first } }),
      );
      threadId = created.id;
      forumPosts.set(delivery.idempotencyKey, threadId);
    }
    if (!threadId) return 0;
    for (const [i, part] of later.entries()) await sendMessage(threadId, part, deliveryNonce(delivery.idempotencyKey, i + 1));
    return parts.length;
  }

  async function publish(delivery: DigestDelivery): Promise<DeliveryOutcome> {
    const { target } = delivery;
    if (delivery.digest.items.length === 0 && !delivery.sendWhenEmpty) return { status: 'sent', messages: 0 };
    try {
      const channel = parseAnswer(channelAnswer, 'GET /channels/{id}', await rest.get(Routes.channel(target.chatId)));
      const digest = digestForChannel(delivery.digest, channel.nsfw === true);
      const parts = renderDiscordDigest(digest, delivery.presentation ?? DEFAULT_PRESENTATION);
      let messages: number;
      if (channel.type === CHANNEL_TYPE.forum || channel.type === CHANNEL_TYPE.media) {
        messages = await publishToForum(channel, delivery, parts);
      } else {
        for (const [i, part] of parts.entries()) await sendMessage(channel.id, part, deliveryNonce(delivery.idempotencyKey, i));
        messages = parts.length;
      }
      log.info({ platform: 'discord', channel: target.chatId, tag: digest.tag, messages }, 'digest delivered');
      return { status: 'sent', messages };
    } catch (error) {
      const outcome = outcomeOf(error);
      const fields = describeDiscordError(error);
      if (outcome.status === 'gone') log.warn({ platform: 'discord', channel: target.chatId, ...fields }, 'discord channel gone: pause the subscription');
      else log.error({ platform: 'discord', channel: target.chatId, ...fields }, 'discord digest not delivered');
      return outcome;
    }
  }

  return { platform: discordPlatform.id, pacing: discordPlatform.pacing, publish };
}
