import {
  bylineText,
  DEFAULT_PRESENTATION,
  digestClosingLines,
  excerpt,
  sourceLabel,
  whenLabel,
  wordingOf,
  type Digest,
  type Presentation,
  type ThreadSummary,
} from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';

/**
 * Limits both receivers accept: Slack truncates `text` past 40,000 characters and takes at most 50
 * blocks with 3,000 characters of section text each; Mattermost's posts end at 16,383 characters.
 * A message here stays far below all of them.
 */
export const WEBHOOK_LIMITS = { messageChars: 3_500, blocks: 50, sectionChars: 3_000 } as const;

/** The JSON body of one post: `text` for Mattermost (and Slack's notification), `blocks` for Slack. */
export interface WebhookMessage {
  readonly text: string;
  readonly blocks: readonly { readonly type: 'section'; readonly text: { readonly type: 'mrkdwn'; readonly text: string } }[];
}

/**
 * Text from the internet made inert for both receivers: `&`, `<`, `>` escaped (Slack requires it, and
 * Markdown decodes the entities back), and `@` followed by a word joiner so that no `@channel`, `@here`
 * or `@user` notifies anyone (Mattermost webhooks can mention).
 */
export function inert(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/@/gu, '@\u2060');
}

/**
 * One thread. Neither receiver has spoilers: a sensitive thread in `spoiler` mode shows its warning
 * and link only, the text and picture stay behind the link.
 */
function block(item: ThreadSummary, index: number, now: Date, presentation: Presentation): string {
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  const grown = item.growth ? ` · ${wording.grownSince(item.growth)}` : '';
  const meta = `${wording.posts(item.postCount)}${grown} · ${item.lang} · ${whenLabel(item, now, tr)}`;
  const hidden = item.sensitive !== undefined && presentation.sensitive === 'spoiler';
  const lines = [`${index}. ${inert(bylineText(item, tr))}`, meta];
  if (item.sensitive) lines.push(inert(wording.contentWarning({ warning: item.sensitive.warning })));
  if (!hidden) {
    lines.push(inert(excerpt(item.excerpt, 600)));
    if (presentation.media && item.image) lines.push(`${inert(wording.pictureAlt({ alt: item.image.alt }))}: ${item.image.url}`);
  }
  if (item.alsoOn?.length) lines.push(`${inert(wording.alsoOn())} ${item.alsoOn.map((c) => `${sourceLabel(c.source)} ${c.url}`).join(' · ')}`);
  if (item.similar) lines.push(inert(wording.similarPosts({ count: item.similar })));
  if (item.link) lines.push(item.link);
  return lines.join('\n');
}

/** A digest as webhook posts, split between threads so that each stays within WEBHOOK_LIMITS. */
export function renderWebhookDigest(digest: Digest, now: Date = new Date(digest.until), presentation: Presentation = DEFAULT_PRESENTATION): WebhookMessage[] {
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  const title = inert(wording.digestTitle(digest));
  const closing = digestClosingLines(digest, tr).map(inert);
  if (digest.items.length === 0) return [message([[`${title}\n${inert(wording.digestNothingNew(digest))}`, ...closing].join('\n')])];
  const messages: WebhookMessage[] = [];
  let current: string[] = [title];
  let size = title.length;
  digest.items.forEach((item, i) => {
    const text = block(item, i + 1, now, presentation);
    if (size + text.length + 2 > WEBHOOK_LIMITS.messageChars || current.length >= WEBHOOK_LIMITS.blocks) {
      messages.push(message(current));
      current = [];
      size = 0;
    }
    current.push(text);
    size += text.length + 2;
  });
  if (closing.length > 0) {
    const text = closing.join('\n');
    if (size + text.length + 2 > WEBHOOK_LIMITS.messageChars || current.length >= WEBHOOK_LIMITS.blocks) {
      messages.push(message(current));
      current = [];
    }
    current.push(text);
  }
  if (current.length > 0) messages.push(message(current));
  return messages;
}

function message(parts: readonly string[]): WebhookMessage {
  return {
    text: parts.join('\n\n'),
    blocks: parts.map((part) => ({ type: 'section', text: { type: 'mrkdwn', text: [...part].slice(0, WEBHOOK_LIMITS.sectionChars).join('') } })),
  };
}
