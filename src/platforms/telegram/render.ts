import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { wellFormed, wording, type ButtonCodec, type LinkOptions, type Reply } from '../../core/index.ts';
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
function threadsKeyboard(reply: Extract<Reply, { kind: 'threads' }>, codec: ButtonCodec): InlineKeyboardMarkup {
  const { tag } = reply;
  const sortRow = [
    button(reply.sort === 'recent' ? `✓ ${wording.sortRecent()}` : wording.sortRecent(), codec.encode({ tag, sort: 'recent' })),
    button(reply.sort === 'best' ? `✓ ${wording.sortBest()}` : wording.sortBest(), codec.encode({ tag, sort: 'best' })),
  ];
  const pageRow: InlineKeyboardButton[] = [];
  if (reply.cursor) pageRow.push(button(wording.pageFirst(), codec.encode({ tag, sort: reply.sort })));
  if (reply.nextCursor) pageRow.push(button(wording.pageNext(), codec.encode({ tag, sort: reply.sort, cursor: reply.nextCursor })));
  return { inline_keyboard: pageRow.length > 0 ? [sortRow, pageRow] : [sortRow] };
}

/** Related tags as buttons, two to a row; each runs /threads for its tag in a new message. */
function relatedKeyboard(reply: Extract<Reply, { kind: 'related' }>, codec: ButtonCodec): InlineKeyboardMarkup {
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
export function renderReplyHtml(reply: Reply, now: Date, codec: ButtonCodec, links: LinkOptions = {}): RenderedReply {
  const rendered = renderParts(reply, now, codec, links);
  const keyboard = rendered.keyboard && {
    inline_keyboard: rendered.keyboard.inline_keyboard.map((row) => row.map((b) => ({ ...b, text: wellFormed(b.text) }))),
  };
  return { messages: rendered.messages.map((m) => fitMessage(m)), ...(keyboard ? { keyboard } : {}) };
}

function renderParts(reply: Reply, now: Date, codec: ButtonCodec, links: LinkOptions): RenderedReply {
  switch (reply.kind) {
    case 'threads': {
      const keyboard = threadsKeyboard(reply, codec);
      if (reply.items.length === 0) return { messages: [escapeHtml(wording.threadsNoMore(reply))], keyboard };
      const header = `<b>${escapeHtml(wording.threadsHeader(reply))}</b>`;
      const blocks = [header, ...reply.items.map((item, i) => renderSummaryHtml(item, i + 1, now))];
      return { messages: packMessages(blocks), keyboard };
    }
    case 'related':
      return reply.related.length === 0
        ? { messages: [escapeHtml(wording.relatedNone(reply))] }
        : { messages: [`<b>${escapeHtml(wording.relatedHeader(reply))}</b> — ${escapeHtml(wording.relatedTapHint())}:`], keyboard: relatedKeyboard(reply, codec) };
    case 'search': {
      const clipped = { ...reply, words: clip(reply.words, ECHO_CHARS) };
      if (reply.items.length === 0) return { messages: [escapeHtml(wording.searchNone(clipped))] };
      const header = `<b>${escapeHtml(wording.searchHeader(clipped))}</b>`;
      return { messages: packMessages([header, ...reply.items.map((item, i) => renderSummaryHtml(item, i + 1, now))]) };
    }
    case 'digest':
      return { messages: renderTelegramDigest(reply.digest, now) };
    case 'help': {
      const lines = reply.commands.map((c) => `${escapeHtml(c.usage)} — ${escapeHtml(c.description)}`);
      const reader = links.publicUrl ? `\n\n${escapeHtml(wording.helpReader())} ${link(links.publicUrl, links.publicUrl)}` : '';
      return { messages: [`${escapeHtml(wording.helpIntro())}\n\n${lines.join('\n')}${reader}`] };
    }
    case 'notice':
      return { messages: [escapeHtml(reply.text)] };
    case 'subscriptions': {
      if (reply.subscriptions.length === 0) return { messages: [escapeHtml(wording.subscriptionsNone())] };
      const lines = reply.subscriptions.map((s) => escapeHtml(wording.subscriptionLine(s)));
      return { messages: [`<b>${escapeHtml(wording.subscriptionsHeader())}</b>\n${lines.join('\n')}`] };
    }
    case 'failure':
      return { messages: [escapeHtml(reply.message)] };
  }
}
