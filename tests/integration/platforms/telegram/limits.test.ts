import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReplyHtml, renderTelegramDigest, renderTelegramDigestMessages } from '../../../../src/platforms/telegram/index.ts';
import { message, createButtonCodec } from '../../../../src/core/index.ts';
const createCallbackCodec = () => createButtonCodec({ maxBytes: 64 });
import { checkTelegramHtml } from '../../../fakes/telegram/html.ts';
import type { FakeChat, FakeUser, SentMessage } from '../../../fakes/telegram/server.ts';
import { digestOf, summary } from '../../../support/telegram.ts';
import { startBotHarness, type BotHarness } from '../../../support/telegram-bot.ts';

// Issue 12, item 4: `/search` with a long word answered with a message over 4096 characters after
// entity parsing; Telegram refused it and the user got "Something went wrong". The search header and
// the no-result line echoed the user's words unclipped. Item 5's lone surrogates, Telegram side.

const user: FakeUser = { id: 17, is_bot: false, first_name: 'Mina' };
const dm: FakeChat = { id: 17, type: 'private' };
const NOW = new Date('2026-11-23T12:00:00Z');

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h.close();
});

async function ask(text: string): Promise<SentMessage> {
  const before = h.fake.messages.length;
  h.fake.sendText({ chat: dm, from: user, text });
  await h.fake.waitFor(() => h.fake.messages.length > before);
  return h.fake.messages[before] as SentMessage;
}

/** What Telegram counts: the text after entity parsing, in UTF-16 units. */
const shown = (html: string): string => {
  const checked = checkTelegramHtml(html);
  if (!checked.ok) throw new Error(checked.description);
  return checked.text;
};

describe('Telegram answers stay within 4096 characters after entity parsing', () => {
  it('/search with one 4,000-letter word → a short no-result answer echoing at most 100 of its letters', async () => {
    const answer = await ask(`/search ${'ж'.repeat(4000)}`);
    expect(answer.text).toMatch(/^No threads mention “ж{99}…”\.$/u);
    expect(h.log.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('/search that finds threads, followed by 4,000 characters that are no word → the header echo clipped, every message accepted', async () => {
    const answer = await ask(`/search lieferkette ${'<&>'.repeat(1300)}`);
    expect(answer.text).toContain('Threads mentioning “lieferkette <&><&>');
    expect(answer.text.length).toBeLessThanOrEqual(4096);
    expect(answer.text.split('\n')[0]?.length).toBeLessThan(160);
  });

  it('a reply whose blocks are each near the limit in UTF-16 (astral text, entity-heavy text) → every message ≤ 4096 and valid HTML', async () => {
    const items = [
      summary({ excerpt: '𝔛'.repeat(3000), author: { handle: 'h'.repeat(300), name: '🧵'.repeat(300) } }),
      summary({ excerpt: '&<>"'.repeat(1500) }),
      summary({ excerpt: 'plain words '.repeat(400) }),
    ];
    const rendered = renderReplyHtml(
      { kind: 'search', words: '𝔛'.repeat(5000), buttonRef: '𝔛'.repeat(8), items, threads: [], total: 3, nextCursor: null },
      NOW,
      createCallbackCodec(),
    );
    for (const message of [...rendered.messages.map((m) => m.html), ...renderTelegramDigest(digestOf(items), NOW)])
      expect(shown(message).length).toBeLessThanOrEqual(4096);
  });

  it('a reply carrying lone surrogates (a notice, a digest, a related tag) → no lone surrogate in any message or button', async () => {
    const codec = createCallbackCodec();
    const outputs = [
      renderReplyHtml({ kind: 'notice', message: message('more.last', { tag: 'cut \ud83d here' }) }, NOW, codec),
      renderReplyHtml({ kind: 'related', tag: 'a', related: [{ tag: 'x\udc00y', threads: 2 }] }, NOW, codec),
      { messages: renderTelegramDigestMessages(digestOf([summary({ excerpt: '\ud800'.repeat(10), author: { handle: 'a\udbff', name: '' } })]), NOW) },
    ];
    for (const output of outputs) {
      for (const message of output.messages) expect(message.html.isWellFormed()).toBe(true);
      for (const button of 'keyboard' in output ? (output.keyboard?.inline_keyboard.flat() ?? []) : []) expect(button.text.isWellFormed()).toBe(true);
    }
  });
});
