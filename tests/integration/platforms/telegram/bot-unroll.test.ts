import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostInput } from '../../../../src/core/index.ts';
import { createThreadFetcher } from '../../../../src/sources/thread-fetcher.ts';
import { makeStatus, startFakeMastodon, type FakeMastodon } from '../../../fakes/upstream/mastodon.ts';
import type { FakeChat, FakeUser, SentMessage } from '../../../fakes/telegram/server.ts';
import { startBotHarness, type BotHarness } from '../../../support/telegram-bot.ts';
import { createRecordingLog } from '../../../support/telegram.ts';

const user: FakeUser = { id: 7, is_bot: false, first_name: 'Ayla' };
const dm: FakeChat = { id: 7, type: 'private' };
const PUBLIC_URL = 'https://spool.example';

/** Seven threads mentioning cotton by @steppe_notes, and one by another @steppe_notes on another network. */
function searchable(): PostInput[] {
  const author = { id: 'u-steppe', handle: 'steppe_notes', name: 'Steppe Notes' };
  const posts: PostInput[] = Array.from({ length: 7 }, (_, i) => ({
    id: `x:cot${i}`,
    source: 'x',
    author,
    text: `Field notes ${i}: the Karakul harvest near Kashgar #fieldnotes`,
    createdAt: `2026-11-2${i % 3}T0${i}:00:00Z`,
    url: `https://x.com/steppe_notes/status/${i}`,
    lang: 'en',
  }));
  posts.push({
    id: 'jsonl:other',
    source: 'jsonl',
    author: { id: 'j1', handle: 'steppe_notes', name: 'Namesake' },
    text: 'not the same person #fieldnotes',
    createdAt: '2026-11-20T00:00:00Z',
    url: '',
    lang: 'en',
  });
  return posts;
}

let h: BotHarness;
let mastodon: FakeMastodon;
beforeAll(async () => {
  mastodon = await startFakeMastodon();
  const account = { id: '5', username: 'alice', name: 'Alice' };
  const chain = [makeStatus(mastodon.url, account, { id: '113000000000000100', content: '<p>Long read 1 #longread</p>', tags: ['longread'] })];
  for (let i = 1; i < 25; i++)
    chain.push(
      makeStatus(mastodon.url, account, { id: String(113000000000000100n + BigInt(i)), content: `<p>part ${i + 1} &lt;no tag&gt;</p>`, replyTo: chain[i - 1] }),
    );
  mastodon.statuses.push(...chain);
  const fetcher = createThreadFetcher({
    x: { apiUrl: 'http://127.0.0.1:9' },
    blueskyPublicApi: 'http://127.0.0.1:9',
    allowPrivateHosts: true,
    log: createRecordingLog(),
    http: { retries: 0 },
  });
  h = await startBotHarness(searchable(), { fetcher, publicUrl: PUBLIC_URL });
});
afterAll(async () => {
  await h.close();
  await mastodon.close();
});

async function ask(text: string, extra: { replyTo?: Record<string, unknown> } = {}): Promise<SentMessage> {
  const before = h.fake.messages.length;
  h.fake.sendText({ chat: dm, from: user, text, ...extra });
  await h.fake.waitFor(() => h.fake.messages.length > before);
  return h.fake.messages[before] as SentMessage;
}

async function press(message: SentMessage, label: string): Promise<void> {
  const data = message.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(label))?.callback_data;
  if (!data) throw new Error(`no button "${label}" on: ${JSON.stringify(message.reply_markup)}`);
  const edits = message.edits;
  h.fake.pressButton({ message, data, from: user });
  await h.fake.waitFor(() => message.edits > edits);
}

const buttons = (m: SentMessage) => m.reply_markup?.inline_keyboard.flat() ?? [];

describe('Telegram: /unroll', () => {
  it('a Mastodon link → the thread’s first page in one message, the reader link, and paging buttons within 64 bytes', async () => {
    const m = await ask(`/unroll ${mastodon.url}/@alice/113000000000000103`);
    expect(m.text.split('\n')[0]).toBe(`🧵 Alice (@alice@${new URL(mastodon.url).host}) · 25 posts`);
    expect(m.text).toContain('Unrolled 25 posts and stored the thread.');
    expect(m.text).toContain('1/25 Long read 1 #longread');
    expect(m.text).toContain('4/25 part 4 <no tag>');
    expect(m.text).not.toContain('11/25');
    expect(m.text).toContain('Page 1 of 3');
    expect(m.html).toContain(`<a href="${PUBLIC_URL}/thread/`);
    expect(buttons(m).map((b) => b.text)).toEqual(['Next ▶']);
    for (const b of buttons(m)) expect(Buffer.byteLength(b.callback_data ?? '')).toBeLessThanOrEqual(64);
  });

  it('pressing Next, then Previous → the same message shows page 2, then page 1 again; Mastodon is not asked again', async () => {
    const m = await ask(`/unroll ${mastodon.url}/@alice/113000000000000100`);
    expect(m.text).toContain('Already stored, and nothing new since it was last unrolled.');
    const asked = mastodon.requests.length;
    await press(m, 'Next');
    expect(m.text).toContain('11/25 part 11');
    expect(m.text).toContain('Page 2 of 3');
    expect(buttons(m).map((b) => b.text)).toEqual(['◀ Previous', 'Next ▶']);
    await press(m, 'Previous');
    expect(m.text).toContain('1/25 Long read 1');
    expect(mastodon.requests.length).toBe(asked);
  });

  it('/unroll sent as a reply to a message holding a link → that link is unrolled', async () => {
    const shared = {
      message_id: 999,
      date: 0,
      chat: dm,
      from: { id: 8, is_bot: false, first_name: 'Bo' },
      text: `worth a read: ${mastodon.url}/@alice/113000000000000110 !`,
    };
    const m = await ask('/unroll', { replyTo: shared });
    expect(m.text).toContain('🧵 Alice');
    expect(m.text).toContain('1/25 Long read 1');
  });

  it('a link to nothing Spool can unroll → one sentence', async () => {
    expect((await ask('/unroll https://example.com/page')).text).toBe(
      '“https://example.com/page” is not a post link Spool can unroll: use a link to a post on X, Mastodon or Bluesky (bsky.app).',
    );
    expect((await ask(`/unroll ${mastodon.url}/@alice/113999999999999999`)).text).toBe(
      `${new URL(mastodon.url).host} shows no such post: it was deleted or is not public, or the link is mistyped.`,
    );
  });
});

describe('Telegram: /threads @handle and search paging', () => {
  it('/threads @x.com/steppe_notes → that author’s threads with sort and paging buttons; a bare @steppe_notes → which one?', async () => {
    const m = await ask('/threads @x.com/steppe_notes');
    expect(m.text.split('\n')[0]).toBe('Threads by Steppe Notes (@x.com/steppe_notes) — most recent (7)');
    expect(m.html).toContain(`<a href="${PUBLIC_URL}/author/x.com%2Fsteppe_notes">Steppe Notes</a>`);
    expect(buttons(m).map((b) => b.text)).toEqual(['✓ Recent', 'Best', 'Next ▶']);
    await press(m, 'Next');
    expect(m.text).toContain('Threads by Steppe Notes');
    expect(buttons(m).map((b) => b.text)).toContain('⏮ First');
    expect((await ask('/threads @steppe_notes')).text).toBe(
      'Several authors are called @steppe_notes: say which one, @x.com/steppe_notes or @jsonl:steppe_notes.',
    );
  });

  it('/search karakul → five cards, the matched word in bold; Next → the last two, then First', async () => {
    const m = await ask('/search karakul');
    expect(m.text.split('\n')[0]).toBe('Threads mentioning “karakul” (7)');
    expect(m.html).toContain('the <b>Karakul</b> harvest near Kashgar');
    expect(m.text.match(/Field notes/gu)).toHaveLength(5);
    await press(m, 'Next');
    expect(m.text.match(/Field notes/gu)).toHaveLength(2);
    expect(buttons(m).map((b) => b.text)).toEqual(['⏮ First']);
    await press(m, 'First');
    expect(m.text.match(/Field notes/gu)).toHaveLength(5);
  });

  it('/search limited to an author and a tag → narrowed, and said so', async () => {
    const m = await ask('/search harvest @x.com/steppe_notes #fieldnotes');
    expect(m.text.split('\n')[0]).toBe('Threads mentioning “harvest” in #fieldnotes by @x.com/steppe_notes (7)');
    expect((await ask('/search harvest @jsonl:steppe_notes')).text.split('\n')[0]).toBe('No threads by @jsonl:steppe_notes mention “harvest”.');
  });
});
