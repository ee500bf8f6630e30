import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { wording, type Digest } from '../../core/index.ts';
import { packEmbeds, summaryEmbed } from './embeds.ts';
import { DISCORD_LIMITS as L } from './limits.ts';
import { clamp, neutralize, wellFormedPayload } from './safe-text.ts';

/** A message body Spool sends: never pings anyone, whatever the text says. */
export type DiscordMessage = RESTPostAPIChannelMessageJSONBody & {
  readonly allowed_mentions: { readonly parse: [] };
};

export const NO_MENTIONS = { parse: [] } as { readonly parse: [] };

/**
 * A digest as Discord messages, in order: the title as the first message's content, then one card
 * per thread, split so that every message keeps within 10 embeds and 6000 characters.
 * Pure, so `spool digest --platform discord` prints exactly what the publisher sends.
 */
export function renderDiscordDigest(digest: Digest): DiscordMessage[] {
  return renderDigestParts(digest).map(wellFormedPayload);
}

function renderDigestParts(digest: Digest): DiscordMessage[] {
  const title = clamp(neutralize(digest.title), L.content);
  if (digest.items.length === 0) {
    return [{ content: clamp(`${title}\n${neutralize(wording.digestNothingNew(digest))}`, L.content), allowed_mentions: NO_MENTIONS }];
  }
  const groups: APIEmbed[][] = packEmbeds(digest.items.map((item) => summaryEmbed(item)));
  return groups.map((embeds, i) =>
    i === 0 ? { content: title, embeds, allowed_mentions: NO_MENTIONS } : { embeds, allowed_mentions: NO_MENTIONS },
  );
}

/** A forum post's name: the tag and the digest's day, e.g. "#xinjiang — 2026-11-23". */
export function forumPostName(digest: Digest): string {
  return wellFormedPayload(clamp(`${digest.subject ?? `#${digest.tag}`} — ${digest.until.slice(0, 10)}`, L.threadName));
}
