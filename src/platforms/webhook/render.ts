import { bylineText, excerpt, whenLabel, wording, type Digest, type ThreadSummary } from '../../core/index.ts';

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

function block(item: ThreadSummary, index: number, now: Date): string {
  const grown = item.growth ? ` · ${wording.grownSince(item.growth)}` : '';
  const meta = `🧵 ${item.postCount} ${item.postCount === 1 ? 'post' : 'posts'}${grown} · ${item.lang} · ${whenLabel(item, now)}`;
  const lines = [`${index}. ${inert(bylineText(item))}`, meta, inert(excerpt(item.excerpt, 600))];
  if (item.link) lines.push(item.link);
  return lines.join('\n');
}

/** A digest as webhook posts, split between threads so that each stays within WEBHOOK_LIMITS. */
export function renderWebhookDigest(digest: Digest, now: Date = new Date(digest.until)): WebhookMessage[] {
  const title = inert(digest.title);
  if (digest.items.length === 0) return [message([`${title}\n${inert(wording.digestNothingNew(digest))}`])];
  const messages: WebhookMessage[] = [];
  let current: string[] = [title];
  let size = title.length;
  digest.items.forEach((item, i) => {
    const text = block(item, i + 1, now);
    if (size + text.length + 2 > WEBHOOK_LIMITS.messageChars || current.length >= WEBHOOK_LIMITS.blocks) {
      messages.push(message(current));
      current = [];
      size = 0;
    }
    current.push(text);
    size += text.length + 2;
  });
  if (current.length > 0) messages.push(message(current));
  return messages;
}

function message(parts: readonly string[]): WebhookMessage {
  return {
    text: parts.join('\n\n'),
    blocks: parts.map((part) => ({ type: 'section', text: { type: 'mrkdwn', text: [...part].slice(0, WEBHOOK_LIMITS.sectionChars).join('') } })),
  };
}
