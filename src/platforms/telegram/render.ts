import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import {
  bylineText,
  commandKeys,
  DEFAULT_PRESENTATION,
  describeFailure,
  noticeText,
  otherSortButton,
  pageButtons,
  settingsLines,
  wellFormed,
  withheldLines,
  wordingOf,
  type ButtonCodec,
  type LinkOptions,
  type Presentation,
  type Reply,
  type ThreadSummary,
  type Translator,
  type Withheld,
  type Wording,
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
function listMessages(
  header: string,
  items: readonly ThreadSummary[],
  now: Date,
  presentation: Presentation,
  withheld: Withheld | undefined,
  tr: Translator,
): TelegramMessage[] {
  const closing = withheldLines(withheld, tr);
  const blocks = [{ html: header }, ...items.map((item, i) => renderSummaryBlock(item, i + 1, now, presentation))];
  if (closing.length > 0) blocks.push({ html: `<i>${escapeHtml(closing.join('\n'))}</i>` });
  return packBlocks(blocks);
}

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });

/** Recent/best switch and paging for a list of threads (a tag's or an author's): every press edits the same message. */
function listKeyboard(reply: Extract<Reply, { kind: 'threads' | 'author' }>, codec: ButtonCodec, wording: Wording): InlineKeyboardMarkup {
  const other = otherSortButton(reply);
  const here = reply.kind === 'threads' ? { tag: reply.tag, sort: reply.sort } : { kind: 'author' as const, ref: reply.buttonRef, sort: reply.sort };
  const [recent, best] = reply.sort === 'recent' ? [here, other] : [other, here];
  const sortRow = [
    button(reply.sort === 'recent' ? `✓ ${wording.sortRecent()}` : wording.sortRecent(), codec.encode(recent ?? here)),
    button(reply.sort === 'best' ? `✓ ${wording.sortBest()}` : wording.sortBest(), codec.encode(best ?? here)),
  ];
  const pageRow = pagingRow(reply, codec, wording);
  return { inline_keyboard: pageRow.length > 0 ? [sortRow, pageRow] : [sortRow] };
}

/** First / previous / next, as far as the answer has them. */
function pagingRow(reply: Reply, codec: ButtonCodec, wording: Wording): InlineKeyboardButton[] {
  const pages = pageButtons(reply);
  const row: InlineKeyboardButton[] = [];
  if (pages.first) row.push(button(wording.pageFirst(), codec.encode(pages.first)));
  if (pages.previous) row.push(button(wording.pagePrevious(), codec.encode(pages.previous)));
  if (pages.next) row.push(button(wording.pageNext(), codec.encode(pages.next)));
  return row;
}

const keyboardOf = (row: InlineKeyboardButton[]): InlineKeyboardMarkup | undefined => (row.length > 0 ? { inline_keyboard: [row] } : undefined);

/** A post of an unrolled thread never takes more than this, so a page stays one message. */
const MAX_POST = 3500;

/** `/unroll`'s page: title, what the fetch changed, the numbered posts, where to read on; paging buttons. */
function threadHtml(reply: Extract<Reply, { kind: 'thread' }>, codec: ButtonCodec, tr: Translator): RenderedReply {
  const wording = wordingOf(tr);
  const { thread } = reply;
  const title = wording.threadTitle({ who: bylineText(thread, tr), postCount: thread.postCount, storedCount: thread.storedCount });
  const update = reply.update ? [`<i>${escapeHtml(updateText(reply.update, wording))}</i>`] : [];
  const posts = reply.posts.map((post, i) => `<b>${reply.first + i}/${thread.postCount}</b> ${escapeHtml(clip(post.text, MAX_POST))}`);
  const links = [
    ...(reply.readerLink ? [link(reply.readerLink, wording.threadReader())] : []),
    ...(thread.url ? [link(thread.url, wording.threadOriginal())] : []),
  ];
  const footer = [reply.pages > 1 ? escapeHtml(wording.threadPage(reply)) : escapeHtml(wording.threadEnd()), ...links].join(' · ');
  const blocks = [[`<b>${escapeHtml(title)}</b>`, ...update].join('\n'), ...posts, footer];
  return { messages: packBlocks(blocks.map((html) => ({ html }))), keyboard: keyboardOf(pagingRow(reply, codec, wording)) };
}

function updateText(update: NonNullable<Extract<Reply, { kind: 'thread' }>['update']>, wording: Wording): string {
  if (update.status === 'new') return wording.unrolledNew({ posts: update.added });
  return update.status === 'grown' ? wording.unrolledGrown(update) : wording.unrolledSame();
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
      const keyboard = listKeyboard(reply, codec, wording);
      if (reply.items.length === 0) {
        const closing = withheldLines(reply.withheld, tr).map(escapeHtml);
        return { messages: [plain([escapeHtml(wording.threadsNoMore(reply)), ...closing].join('\n'))], keyboard };
      }
      const header = `<b>${escapeHtml(wording.threadsHeader(reply))}</b>`;
      return { messages: listMessages(header, reply.items, now, presentation, reply.withheld, tr), keyboard };
    }
    case 'author': {
      const keyboard = listKeyboard(reply, codec, wording);
      if (reply.items.length === 0)
        return { messages: [plain([escapeHtml(wording.authorNoMore(reply)), ...withheldLines(reply.withheld, tr).map(escapeHtml)].join('\n'))], keyboard };
      const header = `<b>${escapeHtml(wording.authorHeader({ name: reply.author.name, ref: reply.ref, sort: reply.sort, total: reply.total }))}</b>`;
      return { messages: listMessages(header, reply.items, now, presentation, reply.withheld, tr), keyboard };
    }
    case 'thread':
      return threadHtml(reply, codec, tr);
    case 'related':
      return reply.related.length === 0
        ? { messages: [plain(escapeHtml(wording.relatedNone(reply)))] }
        : {
            messages: [plain(`<b>${escapeHtml(wording.relatedHeader(reply))}</b> — ${escapeHtml(wording.relatedTapHint())}:`)],
            keyboard: relatedKeyboard(reply, codec),
          };
    case 'search': {
      const keyboard = keyboardOf(pagingRow(reply, codec, wording));
      const clipped = { ...reply, words: clip(reply.words, ECHO_CHARS) };
      if (reply.items.length === 0) {
        const none = reply.cursor ? wording.searchNoMore(clipped) : wording.searchNone(clipped);
        return { messages: [plain([escapeHtml(none), ...withheldLines(reply.withheld, tr).map(escapeHtml)].join('\n'))], keyboard };
      }
      const header = `<b>${escapeHtml(wording.searchHeader(clipped))}</b>`;
      return { messages: listMessages(header, reply.items, now, presentation, reply.withheld, tr), keyboard };
    }
    case 'digest':
      return { messages: renderTelegramDigestMessages(reply.digest, now, presentation) };
    case 'help': {
      const lines = reply.commands.map((c) => `${escapeHtml(c.usage)} — ${escapeHtml(tr.lookup(commandKeys(c).description) ?? c.description)}`);
      const reader = links.publicUrl ? `\n\n${escapeHtml(wording.helpReader())} ${link(links.publicUrl, links.publicUrl)}` : '';
      return { messages: [plain(`${escapeHtml(wording.helpIntro())}\n\n${lines.join('\n')}${reader}`)] };
    }
    case 'notice':
      return { messages: [plain(escapeHtml(noticeText(reply, tr)))] };
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
