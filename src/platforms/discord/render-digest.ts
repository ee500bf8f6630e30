import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { DEFAULT_PRESENTATION, digestClosingLines, wordingOf, type Digest, type Presentation } from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';
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
export function renderDiscordDigest(digest: Digest, presentation: Presentation = DEFAULT_PRESENTATION): DiscordMessage[] {
  return renderDigestParts(digest, presentation).map(wellFormedPayload);
}

function renderDigestParts(digest: Digest, presentation: Presentation): DiscordMessage[] {
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  const title = clamp(neutralize(wording.digestTitle(digest)), L.content);
  const closing = digestClosingLines(digest, tr).map(neutralize);
  if (digest.items.length === 0) {
    return [{ content: clamp([`${title}\n${neutralize(wording.digestNothingNew(digest))}`, ...closing].join('\n'), L.content), allowed_mentions: NO_MENTIONS }];
  }
  const now = new Date(digest.until);
  const groups: APIEmbed[][] = packEmbeds(digest.items.map((item) => summaryEmbed(item, now, presentation)));
  const messages: DiscordMessage[] = groups.map((embeds, i) =>
    i === 0 ? { content: title, embeds, allowed_mentions: NO_MENTIONS } : { embeds, allowed_mentions: NO_MENTIONS },
  );
  // What was held back or withheld closes the digest, as a message of its own after the last cards.
  if (closing.length > 0) messages.push({ content: clamp(`*${closing.join('\n')}*`, L.content), allowed_mentions: NO_MENTIONS });
  return messages;
}

/** A forum post's name: the tag and the digest's day, e.g. "#xinjiang — 2026-11-23". */
export function forumPostName(digest: Digest): string {
  return wellFormedPayload(clamp(`${digest.subject ?? `#${digest.tag}`} — ${digest.until.slice(0, 10)}`, L.threadName));
}
