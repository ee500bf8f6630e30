import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import {
  DEFAULT_PRESENTATION,
  commandKeys,
  describeFailure,
  settingsLines,
  wellFormed,
  withheldLines,
  wordingOf,
  type Translator,
  type Wording,
  type ButtonCodec,
  type LinkOptions,
  type Presentation,
  type Reply,
  type ThreadSummary,
  type Withheld,
} from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';
import { renderTelegramDigestMessages } from './digest-render.ts';
import { clip, escapeHtml, fitMessage, link, packBlocks, type TelegramMessage } from './html.ts';
import { renderSummaryBlock } from './summary.ts';

/** A reply as Telegram messages: HTML texts (each ≤ 4096 visible) with their previews, and the keyboard for the last one. */
export interface RenderedReply {
  readonly messages: readonly TelegramMessage[];
  readonly keyboard?: InlineKeyboardMarkup | undefined;
}

const plain = (html: string): TelegramMessage => ({ html });

/** A list of threads: header, one block per thread (the first picture previewed), then what was withheld. */
function listMessages(header: string, items: readonly ThreadSummary[], now: Date, presentation: Presentation, withheld: Withheld | undefined, tr: Translator): TelegramMessage[] {
  const closing = withheldLines(withheld, tr);
  const blocks = [{ html: header }, ...items.map((item, i) => renderSummaryBlock(item, i + 1, now, presentation))];
  if (closing.length > 0) blocks.push({ html: `<i>${escapeHtml(closing.join('\n'))}</i>` });
  return packBlocks(blocks);
}

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });

/** Recent/best switch and paging for a /threads answer: every press edits the same message. */
function threadsKeyboard(reply: Extract<Reply, { kind: 'threads' }>, codec: ButtonCodec, wording: Wording): InlineKeyboardMarkup {
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
export function renderReplyHtml(
  reply: Reply,
  now: Date,
  codec: ButtonCodec,
  links: LinkOptions = {},
  presentation: Presentation = DEFAULT_PRESENTATION,
): RenderedReply {
  const rendered = renderParts(reply, now, codec, links, presentation);
  const keyboard = rendered.keyboard && {
    inline_keyboard: rendered.keyboard.inline_keyboard.map((row) => row.map((b) => ({ ...b, text: wellFormed(b.text) }))),
  };
  return { messages: rendered.messages.map((m) => ({ ...m, html: fitMessage(m.html) })), ...(keyboard ? { keyboard } : {}) };
}

function renderParts(reply: Reply, now: Date, codec: ButtonCodec, links: LinkOptions, presentation: Presentation): RenderedReply {
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  switch (reply.kind) {
    case 'threads': {
      const keyboard = threadsKeyboard(reply, codec, wording);
      if (reply.items.length === 0) {
        const closing = withheldLines(reply.withheld, tr).map(escapeHtml);
        return { messages: [plain([escapeHtml(wording.threadsNoMore(reply)), ...closing].join('\n'))], keyboard };
      }
      const header = `<b>${escapeHtml(wording.threadsHeader(reply))}</b>`;
      return { messages: listMessages(header, reply.items, now, presentation, reply.withheld, tr), keyboard };
    }
    case 'related':
      return reply.related.length === 0
        ? { messages: [plain(escapeHtml(wording.relatedNone(reply)))] }
        : { messages: [plain(`<b>${escapeHtml(wording.relatedHeader(reply))}</b> — ${escapeHtml(wording.relatedTapHint())}:`)], keyboard: relatedKeyboard(reply, codec) };
    case 'search': {
      const clipped = { ...reply, words: clip(reply.words, ECHO_CHARS) };
      if (reply.items.length === 0) return { messages: [plain([escapeHtml(wording.searchNone(clipped)), ...withheldLines(reply.withheld, tr).map(escapeHtml)].join('\n'))] };
      const header = `<b>${escapeHtml(wording.searchHeader(clipped))}</b>`;
      return { messages: listMessages(header, reply.items, now, presentation, reply.withheld, tr) };
    }
    case 'digest':
      return { messages: renderTelegramDigestMessages(reply.digest, now, presentation) };
    case 'help': {
      const lines = reply.commands.map((c) => `${escapeHtml(c.usage)} — ${escapeHtml(tr.lookup(commandKeys(c).description) ?? c.description)}`);
      const reader = links.publicUrl ? `\n\n${escapeHtml(wording.helpReader())} ${link(links.publicUrl, links.publicUrl)}` : '';
      return { messages: [plain(`${escapeHtml(wording.helpIntro())}\n\n${lines.join('\n')}${reader}`)] };
    }
    case 'notice':
      return { messages: [plain(escapeHtml(tr.say(reply.message)))] };
    case 'subscriptions': {
      if (reply.subscriptions.length === 0) return { messages: [plain(escapeHtml(wording.subscriptionsNone()))] };
      const lines = reply.subscriptions.map((s) => escapeHtml(wording.subscriptionLine(s)));
      return { messages: [plain(`<b>${escapeHtml(wording.subscriptionsHeader())}</b>\n${lines.join('\n')}`)] };
    }
    case 'settings': {
      const lines = settingsLines(reply.settings, tr).map(escapeHtml);
      return { messages: [plain(`<b>${escapeHtml(wording.settingsHeader(reply))}</b>\n${lines.join('\n')}\n\n<i>${escapeHtml(wording.settingsHint())}</i>`)] };
    }
    case 'failure':
      return { messages: [plain(escapeHtml(describeFailure(reply.failure, tr)))] };
  }
}
