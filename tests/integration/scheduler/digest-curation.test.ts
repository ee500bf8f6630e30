import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORE_COMMANDS, createCommandRouter, postSchema, type ChatContext, type Reply, type ThreadSummary } from '../../../src/core/index.ts';
import { createDiscordPublisher } from '../../../src/platforms/discord/index.ts';
import { createTelegramPublisher } from '../../../src/platforms/telegram/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/server.ts';
import { recordingLog, schedulerFor, testWorld } from '../../support/scheduler.ts';

/**
 * A fixture with the usual trouble of a busy hashtag (tests/fixtures/digests/spam-and-copies.jsonl):
 * one thread posted on X, on Bluesky and bridged to Mastodon; five accounts pasting one advert;
 * three posts stuffed with hashtags; one account posting four bulletins; two ordinary threads.
 */
const FIXTURE = new URL('../../fixtures/digests/spam-and-copies.jsonl', import.meta.url);
const posts = () =>
  readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => postSchema.parse(JSON.parse(l)));
const STEPPE = [
  'x:9001',
  'bluesky:at://did:plc:steppe01/app.bsky.feed.post/c1',
  'mastodon:https://bsky.brid.gy/convert/ap/at://did:plc:steppe01/app.bsky.feed.post/c1',
];

let world: ReturnType<typeof testWorld>;
beforeEach(async () => {
  world = testWorld('2026-11-23T10:00:00Z');
  await world.stores.posts.ingest(posts());
});
afterEach(() => world.db.close());

describe('digests a busy channel can live with', () => {
  let telegram: FakeTelegram;
  let discord: FakeDiscord;
  beforeEach(async () => {
    telegram = await startFakeTelegram();
    discord = await startFakeDiscord();
  });
  afterEach(async () => {
    await telegram.close();
    await discord.close();
  });

  it('the fixture → six entries: the thread once with “also on”, the advert once with “and 4 similar posts”, two bulletins; a closing line says what was held back and why', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guild_id: guild });
    for (const target of [
      { platform: 'telegram', chatId: '77' },
      { platform: 'discord', chatId: channel },
    ]) {
      await world.stores.subscriptions.add({ target, tag: 'xinjiang', schedule: { kind: 'daily', time: '09:00', zone: 'UTC' } }, { maxPerChat: 5 });
    }
    const log = recordingLog();
    const publishers = [
      createTelegramPublisher({ token: telegram.token, apiRoot: telegram.apiRoot, log, limits: false }),
      createDiscordPublisher({ token: discord.token, apiUrl: discord.apiUrl, log }),
    ];
    const report = await schedulerFor(world, publishers, { chatSettings: world.stores.chatSettings }).runOnce(world.clock.now(), 'all');
    expect(report.sent).toBe(2);

    const text = telegram.messages.map((m) => m.text).join('\n');
    expect(text).toContain('6 threads');
    expect(text.match(/Notes from the cotton harvest in Aksu/gu)).toHaveLength(1);
    expect(text).toContain('🧵 3 posts');
    expect(text).toContain('Also on Bluesky · Mastodon');
    expect(text.match(/Grow your channel fast/gu)).toHaveLength(1);
    expect(text).toContain('and 4 similar posts');
    expect(text.match(/Bulletin \d/gu)).toHaveLength(2);
    expect(text).not.toContain('Look at this');
    expect(telegram.messages.at(-1)?.text.endsWith('Held back: 3 threads with more than 6 hashtags · 2 beyond 2 per author.')).toBe(true);
    const links = telegram.messages.flatMap((m) => m.entities ?? []).filter((e) => e.type === 'text_link' && (e.text === 'Bluesky' || e.text === 'Mastodon'));
    expect(links.map((l) => l.url)).toEqual([
      'https://bsky.app/profile/steppe.bsky.social/post/c1',
      'https://bsky.brid.gy/r/https://bsky.app/profile/steppe.bsky.social/post/c1',
    ]);

    const posted = discord.messages(channel);
    const embeds = posted.flatMap((m) => m.embeds as { author?: { name: string }; fields?: { name: string; value: string }[]; footer?: { text: string } }[]);
    expect(embeds).toHaveLength(6);
    const steppe = embeds.find((e) => e.fields?.[0]?.name === 'Also on');
    expect(steppe?.author?.name).toBe('Steppe Notes (@steppe_notes)');
    expect(steppe?.fields?.[0]?.value).toBe(
      '[Bluesky](https://bsky.app/profile/steppe.bsky.social/post/c1) · [Mastodon](https://bsky.brid.gy/r/https://bsky.app/profile/steppe.bsky.social/post/c1)',
    );
    expect(embeds.filter((e) => e.footer?.text.includes('and 4 similar posts'))).toHaveLength(1);
    expect(posted.at(-1)?.content).toBe('*Held back: 3 threads with more than 6 hashtags · 2 beyond 2 per author.*');

    // Every copy and every folded advert counts as shown: the ledger keeps them all, the held-back ones not.
    const row = world.db.prepare('SELECT thread_ids FROM delivery_ledger WHERE subscription_id = 1').get() as { thread_ids: string };
    const seen: string[] = JSON.parse(row.thread_ids);
    expect(seen).toHaveLength(12);
    expect(seen).toEqual(expect.arrayContaining([...STEPPE, 'x:950', 'x:951', 'x:952', 'x:953', 'x:954']));
    expect(seen).not.toContain('x:960');
  });
});

describe('/threads shows a thread posted on several networks once', () => {
  const chat: ChatContext = { platform: 'console', chatId: 'console', deliverable: false, isAdmin: async () => true, botCanPost: async () => true };

  async function allPages(pageSize: number): Promise<ThreadSummary[][]> {
    const router = createCommandRouter(
      { threads: world.stores.threads, tags: world.stores.tags, authors: world.stores.authors, keys: world.stores.keys, clock: world.clock, pageSize },
      CORE_COMMANDS,
    );
    const pages: ThreadSummary[][] = [];
    let cursor: string | undefined;
    do {
      const reply: Reply = await router.execute('threads', ['xinjiang', 'recent'], chat, { cursor });
      if (reply.kind !== 'threads') throw new Error(reply.kind);
      pages.push([...reply.items]);
      cursor = reply.nextCursor ?? undefined;
    } while (cursor && pages.length < 20);
    return pages;
  }

  it.each([5, 9, 11])(
    'pages of %i → every thread once, the three copies as one card (the most complete, X), whatever page boundary falls among them',
    async (pageSize) => {
      const pages = await allPages(pageSize);
      const items = pages.flat();
      expect(items).toHaveLength(15);
      const ids = items.map((i) => i.threadId);
      expect(new Set(ids).size).toBe(15);
      expect(ids.filter((id) => STEPPE.includes(id))).toEqual(['x:9001']);
      expect(
        items
          .find((i) => i.threadId === 'x:9001')
          ?.alsoOn?.map((c) => c.source)
          .sort(),
      ).toEqual(['bluesky', 'mastodon']);
      for (const page of pages.slice(0, -1)) expect(page.length).toBeGreaterThanOrEqual(pageSize);
    },
  );
});
