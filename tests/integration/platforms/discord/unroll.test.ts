import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThreadFetcher } from '../../../../src/sources/thread-fetcher.ts';
import type { FakeMessage } from '../../../fakes/discord/index.ts';
import { makeBskyPost, startFakeBluesky, type FakeBluesky } from '../../../fakes/upstream/bluesky.ts';
import { makePost } from '../../../support/posts.ts';
import { startHarness, type Harness } from '../../../support/discord-bot.ts';
import { recordingLog } from '../../../support/discord.ts';

const PUBLIC_URL = 'https://spool.example';
const alice = { did: 'did:plc:alice0000000000000000000', handle: 'alice.bsky.social', displayName: 'Alice' };
const LINK = 'https://bsky.app/profile/alice.bsky.social/post/3kaaaaaaaaa00';

let h: Harness;
let bluesky: FakeBluesky;
const who = () => ({ guildId: h.guild, channelId: h.channel });

beforeAll(async () => {
  bluesky = await startFakeBluesky({ identifier: 'spool.test', password: 'pw', publicReads: true });
  const chain = [makeBskyPost(alice, { rkey: '3kaaaaaaaaa00', text: 'Fourteen parts on #Xinjiang cotton' })];
  for (let i = 1; i < 14; i++)
    chain.push(makeBskyPost(alice, { rkey: `3kaaaaaaaaa${String(i).padStart(2, '0')}`, text: `part ${i + 1}, @everyone **not bold**`, replyTo: chain[i - 1] }));
  bluesky.posts.push(...chain);
  const fetcher = createThreadFetcher({ x: { apiUrl: 'http://127.0.0.1:9' }, blueskyPublicApi: bluesky.url, log: recordingLog().log, http: { retries: 0 } });
  const karakul = Array.from({ length: 7 }, (_, i) =>
    makePost({
      id: `x:k${i}`,
      author: { id: 'k1', handle: 'steppe_notes', name: 'Steppe Notes' },
      text: `Notes ${i}: the Karakul harvest #fieldnotes`,
      createdAt: `2026-11-2${i % 3}T0${i}:00:00.000Z`,
    }),
  );
  h = await startHarness(karakul, { fetcher, publicUrl: PUBLIC_URL });
});
afterAll(async () => {
  await h.close();
  await bluesky.close();
});

type Data = {
  content?: string;
  embeds: { author?: { name: string; url?: string }; description?: string; footer?: { text: string }; url?: string }[];
  components: { components: { label: string; custom_id?: string; url?: string; style: number }[] }[];
  flags?: number;
};
const dataOf = (i: { callbacks: { data?: Record<string, unknown> }[] }) => i.callbacks[0]?.data as unknown as Data;
const labels = (m: { components: unknown }) => ((m.components as Data['components'])[0]?.components ?? []).map((b) => b.label);

describe('Discord: /unroll and the "Unroll thread" message command', () => {
  it('registers a message command "Unroll thread" (type 3, no description) beside the slash commands', () => {
    const commands = h.fake.commands(h.guild);
    expect(commands.find((c) => c['type'] === 3)).toMatchObject({ name: 'Unroll thread', type: 3 });
    expect(commands.find((c) => c['name'] === 'unroll')).toMatchObject({ type: 1 });
  });

  it('/unroll link:<bsky.app link> → one card of the first page, inert text, Next and link buttons; Next → page 2 in the same message', async () => {
    const answered = await h.fake.slash('unroll', { link: LINK }, who()).answered();
    const data = dataOf(answered);
    expect(answered.callbacks[0]?.type).toBe(4);
    expect(data.content).toBe('Unrolled 14 posts and stored the thread.');
    expect(data.embeds[0]?.author?.name).toBe('🧵 Alice (@alice.bsky.social) · 14 posts');
    expect(data.embeds[0]?.description).toContain('**1/14** Fourteen parts on #Xinjiang cotton');
    expect(data.embeds[0]?.description).toContain('**2/14** part 2, @\u200beveryone \\*\\*not bold\\*\\*');
    expect(data.embeds[0]?.footer?.text).toBe('Page 1 of 2');
    expect(data.components[0]?.components.map((b) => [b.label, b.style])).toEqual([
      ['Next ▶', 1],
      ['Read it on the web', 5],
      ['Original post', 5],
    ]);
    expect(data.components[0]?.components[1]?.url).toBe(
      `${PUBLIC_URL}/thread/${encodeURIComponent(`bluesky:at://${alice.did}/app.bsky.feed.post/3kaaaaaaaaa00`)}`,
    );
    const original = answered.original as FakeMessage;
    const next = data.components[0]?.components[0]?.custom_id ?? '';
    const pressed = await h.fake.button(next, original, who()).answered();
    expect(pressed.callbacks[0]?.type).toBe(7);
    expect(JSON.stringify(original.embeds)).toContain('**11/14** part 11');
    expect(labels(original)).toEqual(['◀ Previous', 'Read it on the web', 'Original post']);
  });

  it('"Unroll thread" on someone’s message holding the link → the thread, answered publicly', async () => {
    const answered = await h.fake.messageCommand('Unroll thread', { content: `have you seen this? ${LINK}` }, who()).answered();
    const data = dataOf(answered);
    expect(data.flags ?? 0).toBe(0);
    expect(data.embeds[0]?.author?.name).toBe('🧵 Alice (@alice.bsky.social) · 14 posts');
    expect(data.content).toBe('Already stored, and nothing new since it was last unrolled.');
  });

  it('"Unroll thread" on a message without a post link → one ephemeral sentence', async () => {
    const data = dataOf(await h.fake.messageCommand('Unroll thread', { content: 'just chatting' }, who()).answered());
    expect(data).toMatchObject({
      flags: 64,
      content: 'That message holds no link to a post: Spool unrolls links to posts on X, Mastodon or Bluesky (bsky.app).',
    });
  });
});

describe('Discord: /threads @handle and search paging', () => {
  it('/threads hashtag:@alice.bsky.social → that author’s threads, the author linked to their reader page', async () => {
    const data = dataOf(await h.fake.slash('threads', { hashtag: '@alice.bsky.social' }, who()).answered());
    expect(data.content).toBe('Threads by Alice (@alice.bsky.social) — most recent (1)');
    expect(data.embeds[0]?.author).toEqual({ name: 'Alice (@alice.bsky.social)', url: `${PUBLIC_URL}/author/alice.bsky.social` });
    expect(labels(data)).toEqual(['Best']);
  });

  it('/search words:karakul → five cards with the word in bold; Next → the other two, in the same message', async () => {
    const answered = await h.fake.slash('search', { words: 'karakul' }, who()).answered();
    const data = dataOf(answered);
    expect(data.content).toBe('Threads mentioning “karakul” (7)');
    expect(data.embeds).toHaveLength(5);
    expect(data.embeds[0]?.description).toMatch(/^Notes \d: the \*\*Karakul\*\* harvest #fieldnotes$/u);
    expect(labels(data)).toEqual(['Next ▶']);
    const original = answered.original as FakeMessage;
    await h.fake.button(data.components[0]?.components[0]?.custom_id ?? '', original, who()).answered();
    expect(original.embeds).toHaveLength(2);
    expect(labels(original)).toEqual(['⏮ First']);
  });
});
