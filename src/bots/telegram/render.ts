import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { wellFormed, type LinkOptions, type Reply } from '../../core/index.ts';
import type { CallbackCodec } from './callback.ts';
import { renderTelegramDigest } from './digest-render.ts';
import { clip, escapeHtml, fitMessage, link, packMessages } from './html.ts';
import { renderSummaryHtml } from './summary.ts';

/** A reply as Telegram messages: HTML texts (each ≤ 4096 visible) and the keyboard for the last one. */
export interface RenderedReply {
  readonly messages: readonly string[];
  readonly keyboard?: InlineKeyboardMarkup | undefined;
}

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });

/** Recent/best switch and paging for a /threads answer: every press edits the same message. */
function threadsKeyboard(reply: Extract<Reply, { kind: 'threads' }>, codec: CallbackCodec): InlineKeyboardMarkup {
  const { tag } = reply;
  const sortRow = [
    button(reply.sort === 'recent' ? '✓ Recent' : 'Recent', codec.encode({ tag, sort: 'recent', fresh: false })),
    button(reply.sort === 'best' ? '✓ Best' : 'Best', codec.encode({ tag, sort: 'best', fresh: false })),
  ];
  const pageRow: InlineKeyboardButton[] = [];
  if (reply.cursor) pageRow.push(button('⏮ First', codec.encode({ tag, sort: reply.sort, fresh: false })));
  if (reply.nextCursor) pageRow.push(button('Next ▶', codec.encode({ tag, sort: reply.sort, cursor: reply.nextCursor, fresh: false })));
  return { inline_keyboard: pageRow.length > 0 ? [sortRow, pageRow] : [sortRow] };
}

/** Related tags as buttons, two to a row; each runs /threads for its tag in a new message. */
function relatedKeyboard(reply: Extract<Reply, { kind: 'related' }>, codec: CallbackCodec): InlineKeyboardMarkup {
  const buttons = reply.related.map((r) => button(`#${r.tag} (${r.threads})`, codec.encode({ tag: r.tag, sort: 'recent', fresh: true })));
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { inline_keyboard: rows };
}

/** Words a person typed, as an answer echoes them: short, whatever was typed. */
const ECHO_CHARS = 100;

/**
 * Every kind of router reply as Telegram HTML. Text from the internet (thread text, author names,
 * tags, the user's own words echoed back) is escaped here and nowhere else. Every message is within
 * 4096 characters after entity parsing and well-formed, every button label well-formed.
 */
export function renderReplyHtml(reply: Reply, now: Date, codec: CallbackCodec, links: LinkOptions = {}): RenderedReply {
  const rendered = renderParts(reply, now, codec, links);
  const keyboard = rendered.keyboard && {
    inline_keyboard: rendered.keyboard.inline_keyboard.map((row) => row.map((b) => ({ ...b, text: wellFormed(b.text) }))),
  };
  return { messages: rendered.messages.map((m) => fitMessage(m)), ...(keyboard ? { keyboard } : {}) };
}

function renderParts(reply: Reply, now: Date, codec: CallbackCodec, links: LinkOptions): RenderedReply {
  switch (reply.kind) {
    case 'threads': {
      const keyboard = threadsKeyboard(reply, codec);
      if (reply.items.length === 0) return { messages: [`No more threads about #${escapeHtml(reply.tag)}.`], keyboard };
      const order = reply.sort === 'best' ? 'best' : 'most recent';
      const header = `<b>Threads about #${escapeHtml(reply.tag)}</b> — ${order} · ${reply.total} in all`;
      const blocks = [header, ...reply.items.map((item, i) => renderSummaryHtml(item, i + 1, now))];
      return { messages: packMessages(blocks), keyboard };
    }
    case 'related':
      return reply.related.length === 0
        ? { messages: [`No hashtags appear together with #${escapeHtml(reply.tag)} yet.`] }
        : { messages: [`<b>Related to #${escapeHtml(reply.tag)}</b> — tap one for its threads:`], keyboard: relatedKeyboard(reply, codec) };
    case 'search': {
      const words = escapeHtml(clip(reply.words, ECHO_CHARS));
      if (reply.items.length === 0) return { messages: [`No threads mention “${words}”.`] };
      const header = `<b>Threads mentioning “${words}”</b> · ${reply.total} in all`;
      return { messages: packMessages([header, ...reply.items.map((item, i) => renderSummaryHtml(item, i + 1, now))]) };
    }
    case 'digest':
      return { messages: renderTelegramDigest(reply.digest, now) };
    case 'help': {
      const lines = reply.commands.map((c) => `${escapeHtml(c.usage)} — ${escapeHtml(c.description)}`);
      const reader = links.publicUrl ? `\n\nRead whole threads on the web: ${link(links.publicUrl, links.publicUrl)}` : '';
      return { messages: [`<b>Spool</b> collects social-media threads by hashtag.\n\n${lines.join('\n')}${reader}`] };
    }
    case 'notice':
      return { messages: [escapeHtml(reply.text)] };
    case 'subscriptions': {
      if (reply.subscriptions.length === 0) return { messages: ['This chat follows no hashtags yet: /subscribe &lt;hashtag&gt; [HH:MM] [zone].'] };
      const lines = reply.subscriptions.map((s) => {
        const paused = s.paused ? ` (paused${s.pausedReason ? `: ${escapeHtml(s.pausedReason)}` : ''})` : '';
        return `#${escapeHtml(s.tag)} at ${escapeHtml(s.schedule)}${paused}`;
      });
      return { messages: [`<b>Subscriptions</b>\n${lines.join('\n')}`] };
    }
    case 'failure':
      return { messages: [escapeHtml(reply.message)] };
  }
}
