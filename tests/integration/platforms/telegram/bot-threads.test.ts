import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeUser, SentMessage } from '../../../fakes/telegram/server.ts';
import { startBotHarness, threadPosts, type BotHarness } from '../../../support/telegram-bot.ts';
import { HOSTILE_TEXT } from '../../../support/telegram.ts';

const LONG_TAG = '可可托海'.repeat(25); // 100 characters, 300 bytes in UTF-8
const user: FakeUser = { id: 7, is_bot: false, first_name: 'Ayla' };
const dm: FakeChat = { id: 7, type: 'private' };

let h: BotHarness;
beforeAll(async () => {
  const longTagThreads = Array.from({ length: 7 }, (_, i) =>
    threadPosts(`long${i}`, { text: `Thread ${i} at the lake`, tag: LONG_TAG, createdAt: `2026-11-2${i % 3}T0${i}:00:00Z` }),
  ).flat();
  const hostile = threadPosts('evil', { text: HOSTILE_TEXT, tag: 'hostile', name: '<b>Evil & Co</b>', url: 'https://example.com/e?a=1&b="2"' });
  h = await startBotHarness([...longTagThreads, ...hostile]);
});
afterAll(async () => {
  await h.close();
});

/** Sends `text` and waits for the bot's next message in that chat. */
async function ask(text: string, chat: FakeChat = dm, topicId?: number): Promise<SentMessage> {
  const before = h.fake.messages.length;
  h.fake.sendText({ chat, from: user, text, ...(topicId === undefined ? {} : { topicId }) });
  await h.fake.waitFor(() => h.fake.messages.length > before);
  return h.fake.messages[before] as SentMessage;
}

/** Presses a button by its label and waits until the bot has answered the callback and finished. */
async function press(message: SentMessage, label: string): Promise<void> {
  const data = message.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(label))?.callback_data;
  if (!data) throw new Error(`no button "${label}" on message ${message.message_id}`);
  const edits = message.edits;
  const messages = h.fake.messages.length;
  h.fake.pressButton({ message, data, from: user });
  await h.fake.waitFor(() => message.edits > edits || h.fake.messages.length > messages);
}

const buttonData = (m: SentMessage): string[] => m.reply_markup?.inline_keyboard.flat().map((b) => b.callback_data ?? '') ?? [];

describe('Telegram bot: /threads, paging, related', () => {
  it('start → the router’s commands registered with setMyCommands', () => {
    expect(h.fake.commands.map((c) => c.command)).toEqual(['threads', 'related', 'search', 'digest', 'subscribe', 'boom', 'help']);
  });

  it('/threads xinjiang → the five most recent xinjiang threads, with sort and next-page buttons', async () => {
    const m = await ask('/threads xinjiang');
    expect(m.text).toMatch(/^Threads about #xinjiang — most recent \(10\)/u);
    expect(m.text.indexOf('Lieferkette')).toBeLessThan(m.text.indexOf('Data Desk'));
    expect(m.text).toContain('🧵 4 posts');
    expect(m.text).not.toContain('京都の読書家'); // the seventh thread is on a later page
    expect(m.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['✓ Recent', 'Best', 'Next ▶']);
    expect(m.link_preview_options).toEqual({ is_disabled: true });
  });

  it('pressing Next, then Best → the same message is edited each time, no new message', async () => {
    const m = await ask('/threads xinjiang');
    const count = h.fake.messages.length;
    await press(m, 'Next');
    expect(m.edits).toBe(1);
    expect(m.text).toContain('京都の読書家');
    expect(m.text).not.toContain('Lieferkette');
    expect(m.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('⏮ First');
    await press(m, 'Best');
    expect(m.edits).toBe(2);
    expect(m.text).toMatch(/^Threads about #xinjiang — best/u);
    expect(h.fake.messages.length).toBe(count);
  });

  it('a 300-byte hashtag → buttons within 64 bytes, and paging still works', async () => {
    const m = await ask(`/threads ${LONG_TAG}`);
    for (const data of buttonData(m)) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    await press(m, 'Next');
    expect(m.text).toContain('Thread');
    expect(m.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('⏮ First');
  });

  it('a thread with <script>, &, <A2> and 5000 characters → one valid message showing the text as written', async () => {
    const m = await ask('/threads hostile');
    expect(m.text).toContain('<script>alert("x")</script> Tom & Jerry <A2>');
    expect(m.text).toContain('<b>Evil & Co</b>');
    expect(m.html).toContain('href="https://example.com/e?a=1&amp;b=%222%22"');
    expect(h.fake.calls.filter((c) => c.status !== 200 && c.method !== 'getUpdates')).toEqual([]);
  });

  it('/related xinjiang → tags as buttons; pressing one → a new message with that tag’s threads', async () => {
    const m = await ask('/related xinjiang');
    expect(m.text).toContain('Related to #xinjiang');
    const before = h.fake.messages.length;
    await press(m, '#cotton');
    expect(h.fake.messages.length).toBe(before + 1);
    expect(h.fake.messages[before]?.text).toMatch(/^Threads about #cotton/u);
    expect(m.edits).toBe(0);
  });

  it('a button this bot no longer remembers → the callback answered with "expired", nothing edited', async () => {
    const m = await ask('/threads xinjiang');
    const answers = h.fake.calls.filter((c) => c.method === 'answerCallbackQuery').length;
    h.fake.pressButton({ message: m, data: 'k|zz', from: user });
    await h.fake.waitFor(() => h.fake.calls.filter((c) => c.method === 'answerCallbackQuery').length > answers);
    expect(h.fake.calls.at(-1)?.payload).toMatchObject({ text: 'This button no longer works: send the command again.' });
    expect(m.edits).toBe(0);
  });

  it('an unknown hashtag → one sentence with the closest known tags', async () => {
    expect((await ask('/threads xinjang')).text).toBe('No threads about #xinjang yet. Closest known: #xinjiang.');
  });

  it('/start → the help, listing every command', async () => {
    const m = await ask('/start');
    expect(m.text).toContain('/threads <hashtag|@handle> [recent|best] — The latest (or best) threads about a hashtag, or by an @author');
    expect(m.text).toContain('/help — What this bot can do');
  });

  it('a forum topic, /threads@SpoolBot → answered in the same topic; /threads@OtherBot → ignored', async () => {
    const forum: FakeChat = { id: -1001234, type: 'supergroup', title: 'Forum', is_forum: true };
    h.fake.sendText({ chat: forum, from: user, text: '/threads@OtherBot xinjiang', topicId: 3 });
    const m = await ask('/threads@SpoolBot xinjiang best', forum, 42);
    expect(m.chat_id).toBe(-1001234);
    expect(m.message_thread_id).toBe(42);
    expect(m.text).toMatch(/^Threads about #xinjiang — best/u);
    expect(h.fake.messages.filter((x) => x.message_thread_id === 3)).toEqual([]);
  });
});
