import type { APIEmbed } from 'discord.js';
import { bylineText, DEFAULT_PRESENTATION, seenLabel, sourceLabel, wordingOf, type Presentation, type ThreadSummary, type Wording } from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';
import { DISCORD_LIMITS as L } from './limits.ts';
import { clamp, clampMarkdown, neutralize, spoiler } from './safe-text.ts';

const MAX_ALT = 500;

/**
 * The description: the excerpt and, when there is a picture, its alt text (an embed image has no alt
 * text of its own on Discord). A sensitive thread in `spoiler` mode has its warning in the clear and
 * both behind `||…||`; its picture is not embedded (an embed image cannot be hidden).
 */
function describe(item: ThreadSummary, presentation: Presentation, wording: Wording): { description: string; image?: string | undefined } {
  const hidden = item.sensitive !== undefined && presentation.sensitive === 'spoiler';
  const picture = presentation.media && item.image ? clamp(neutralize(wording.pictureAlt({ alt: item.image.alt })), MAX_ALT) : undefined;
  const warning = item.sensitive ? `**${clamp(neutralize(wording.contentWarning({ warning: item.sensitive.warning })), MAX_ALT)}**\n` : '';
  // Room for the warning, the picture line and the two spoiler marks, so the excerpt is cut, not the markup.
  const room = L.embedDescription - warning.length - (picture ? picture.length + 1 : 0) - 4;
  // The search marks (bold) only when they fit whole: a cut inside `**` would show the marks.
  const marked = markedMarkdown(item.excerpt, item.marks);
  const text = marked.length <= room ? marked : clamp(neutralize(item.excerpt), room);
  const body = [text, ...(picture ? [picture] : [])].join('\n');
  return {
    description: `${warning}${hidden ? spoiler(body) : body}`,
    ...(picture && !hidden ? { image: item.image?.url } : {}),
  };
}

/** Discord's blurple-ish accent, so Spool's cards are recognisable in a busy channel. */
const SPOOL_COLOR = 0x5865f2;

/**
 * One thread as a card: author (or where it came from), the excerpt (neutralised), "🧵 18 posts"
 * linking to the thread, language and growth in the footer, and its start time as the embed
 * timestamp (each reader's Discord shows it in their own time zone) when the source gave one.
 */
export function summaryEmbed(item: ThreadSummary, now: Date = new Date(), presentation: Presentation = DEFAULT_PRESENTATION): APIEmbed {
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  const who = bylineText(item, tr);
  const partial = item.storedCount < item.postCount ? ` ${wording.stored(item.storedCount)}` : '';
  // An undated thread gets no timestamp (Discord would show it as the posting time), only when Spool saw it.
  const seen = item.undated ? [seenLabel(item.seenAt ?? item.createdAt, now, tr)] : [];
  const similar = item.similar ? [wording.similarPosts({ count: item.similar })] : [];
  const grown = item.growth ? [wording.grownSince(item.growth)] : item.grownBy > 0 ? [wording.grown(item.grownBy)] : [];
  const footer = [wording.cardLang(item.lang), ...seen, ...grown, ...similar].join(' · ');
  const { description, image } = describe(item, presentation, wording);
  const embed: APIEmbed = {
    color: SPOOL_COLOR,
    // The author's name links to their page (the reader's, or their profile) when there is one.
    author: { name: clamp(who, L.authorName), ...(item.authorLink && isHttpUrl(item.authorLink) ? { url: item.authorLink } : {}) },
    title: clamp(`${wording.posts(item.postCount)}${partial}`, L.embedTitle),
    description,
    footer: { text: clamp(footer, L.footerText) },
  };
  if (image && isHttpUrl(image)) embed.image = { url: image };
  // A field, not a line of the description: shortening a description never cuts these links.
  if (item.alsoOn?.length) {
    const copies = item.alsoOn.map((c) => (isHttpUrl(c.url) && !/[()<>\s]/u.test(c.url) ? `[${sourceLabel(c.source)}](${c.url})` : sourceLabel(c.source)));
    embed.fields = [{ name: clamp(wording.alsoOn(), L.fieldName), value: clamp(copies.join(' · '), L.fieldValue), inline: true }];
  }
  if (isHttpUrl(item.link)) embed.url = item.link;
  if (!item.undated && !Number.isNaN(Date.parse(item.createdAt))) embed.timestamp = new Date(item.createdAt).toISOString();
  return embed;
}

/** The characters Discord counts towards the 6000 across a message's embeds. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * Shortens descriptions until the embeds fit `budget` characters together, sharing the room fairly:
 * every description is cut to one common cap (the largest that fits), so short ones stay whole and
 * long ones lose the same tail. Used for an answer that must stay one message (a `/threads` page).
 */
export function fitEmbeds(embeds: readonly APIEmbed[], budget: number = L.embedsTotal): APIEmbed[] {
  const out = embeds.slice(0, L.embedsPerMessage).map((e) => ({ ...e }));
  const total = out.reduce((n, e) => n + embedLength(e), 0);
  if (total <= budget) return out;
  const fixed = total - out.reduce((n, e) => n + (e.description?.length ?? 0), 0);
  const room = Math.max(0, budget - fixed);
  const used = (cap: number): number => out.reduce((n, e) => n + Math.min(e.description?.length ?? 0, cap), 0);
  let low = 0;
  let high = L.embedDescription;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (used(mid) <= room) low = mid;
    else high = mid - 1;
  }
  for (const e of out) {
    if (e.description && e.description.length > low) {
      if (low > 0) e.description = clampMarkdown(e.description, low);
      else delete e.description;
    }
  }
  return out;
}

/**
 * Splits embeds into messages of at most 10 embeds and 6000 characters each, in order.
 * An embed that alone exceeds a message's budget is shortened to fit.
 */
export function packEmbeds(embeds: readonly APIEmbed[], budget: number = L.embedsTotal): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let used = 0;
  for (const original of embeds) {
    const [embed = original] = embedLength(original) > budget ? fitEmbeds([original], budget) : [original];
    const size = embedLength(embed);
    if (current.length > 0 && (current.length === L.embedsPerMessage || used + size > budget)) {
      messages.push(current);
      current = [];
      used = 0;
    }
    current.push(embed);
    used += size;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** The excerpt made inert, a search's matched words in bold (`**`), within the description limit. */
export function markedMarkdown(text: string, marks: ThreadSummary['marks']): string {
  if (!marks || marks.length === 0) return clamp(neutralize(text), L.embedDescription);
  let out = '';
  let at = 0;
  for (const [start, end] of marks) {
    if (start < at || end > text.length) continue;
    out += `${neutralize(text.slice(at, start))}**${neutralize(text.slice(start, end))}**`;
    at = end;
  }
  out += neutralize(text.slice(at));
  // A cut inside a bold run would show its `**`: without room for all of it, no marks.
  return out.length <= L.embedDescription ? out : clamp(neutralize(text), L.embedDescription);
}

export function isHttpUrl(link: string): boolean {
  return /^https?:\/\/\S+$/u.test(link) && link.length <= 2048;
}
