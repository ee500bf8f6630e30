import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createButtonCodec } from '../../../../src/core/index.ts';

const codec = createButtonCodec({ maxBytes: 100 });
import { PERMISSIONS, type FakeMessage } from '../../../fakes/discord/index.ts';
import { makeChain, makePost } from '../../../support/posts.ts';
import { startHarness, type Harness } from '../../../support/discord-bot.ts';

const LONG_TAG = '可可托海'.repeat(25); // 100 characters, the longest hashtag there is

function corpus() {
  const posts = [
    ...makeChain('cotton', 18, 'a1', { lang: 'en' }),
    ...makeChain('camps', 3, 'a2'),
    ...Array.from({ length: 7 }, (_, i) =>
      makePost({
        id: `x:single${i}`,
        author: { id: `s${i}`, handle: `single${i}`, name: `Single ${i}` },
        text: `note ${i} #xinjiang #uyghur`,
        createdAt: `2026-11-19T0${i}:00:00.000Z`,
        metrics: { likes: i * 10, reposts: 0, replies: 0 },
      }),
    ),
    makePost({ id: 'x:long1', author: { id: 'l1', handle: 'longtag', name: '' }, text: `#${LONG_TAG} first` }),
    ...Array.from({ length: 30 }, (_, i) =>
      makePost({ id: `x:many${i}`, author: { id: `m${i}`, handle: `many${i}`, name: '' }, text: `#many${i}`, createdAt: '2026-11-18T00:00:00.000Z' }),
    ),
    makePost({ id: 'x:xj', author: { id: 'x1', handle: 'xj', name: '' }, text: 'about #xjtu' }),
    makePost({
      id: 'x:evil',
      author: { id: 'e1', handle: 'troll', name: '@everyone **Troll**' },
      text: `@everyone @here <@&123> <@456> **bold** __under__ [click](https://evil.example) ${'# heading\n'.repeat(3)}${'spam '.repeat(1000)} #hostile`,
    }),
  ];
  return posts;
}

let h: Harness;
const who = () => ({ guildId: h.guild, channelId: h.channel });

beforeAll(async () => {
  h = await startHarness(corpus());
});
afterAll(async () => {
  await h.close();
});

describe('discord bot against the fake Discord', () => {
  it('start → logs in with the Guilds intent only and registers the router’s commands, generated from their declarations', async () => {
    expect(h.fake.gateway.opcodes).toContain(2);
    const names = h.fake.commands(h.guild).map((c) => c['name']);
    expect(names).toEqual(['threads', 'related', 'search', 'digest', 'subscribe', 'help']);
    const subscribe = h.fake.commands(h.guild).find((c) => c['name'] === 'subscribe');
    expect(subscribe?.['default_member_permissions']).toBe('16');
    const identify = h.fake.captured.find((r) => r.path === '/gateway/bot');
    expect(identify?.auth).toBe(true);
  });

  it('/threads hashtag:xinjiang → embeds with author, 🧵 post count, language, time and link, plus paging buttons', async () => {
    const sent = h.fake.slash('threads', { hashtag: 'Xinjiang' }, who());
    const interaction = await sent.answered();
    const [callback] = interaction.callbacks;
    expect(callback?.type).toBe(4);
    const data = callback?.data as {
      content: string;
      embeds: Record<string, unknown>[];
      components: { components: { custom_id: string; label: string }[] }[];
      allowed_mentions: unknown;
    };
    expect(data.content).toMatch(/^Threads about #xinjiang — most recent \(\d+\)$/u);
    expect(data.embeds).toHaveLength(5);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const cotton = data.embeds.find((e) => String(e['title']).startsWith('🧵 18 posts'));
    expect(cotton).toMatchObject({ author: { name: '@user_a1' }, url: 'https://example.com/x:cotton1', footer: { text: 'lang: en' } });
    expect(cotton?.['timestamp']).toBe('2026-11-20T12:00:00.000Z');
    expect(String(cotton?.['description'])).toContain('cotton part 1');
    const labels = data.components[0]?.components.map((b) => b.label);
    expect(labels).toEqual(['Next ▶', 'Best']);
  });

  it('pressing Next ▶ → the same message is updated with the next page, and Best first switches the sort', async () => {
    const first = await h.fake.slash('threads', { hashtag: 'xinjiang' }, who()).answered();
    const original = first.original as FakeMessage;
    const ids = (m: FakeMessage) => (m.embeds as { url?: string }[]).map((e) => e.url);
    const page1 = ids(original);
    const next = (original.components as { components: { custom_id: string; label: string }[] }[])[0]?.components.find((b) => b.label === 'Next ▶');
    const pressed = await h.fake.button(next?.custom_id ?? '', original, who()).answered();
    expect(pressed.callbacks[0]?.type).toBe(7);
    const page2 = ids(original);
    expect(page2.length).toBeGreaterThan(0);
    expect(page2.some((u) => page1.includes(u))).toBe(false);
    const labels = (original.components as { components: { label: string; custom_id: string }[] }[])[0]?.components.map((b) => b.label);
    expect(labels).toContain('⏮ First');
    const best = (original.components as { components: { label: string; custom_id: string }[] }[])[0]?.components.find((b) => b.label === 'Best');
    await h.fake.button(best?.custom_id ?? '', original, who()).answered();
    expect(original.content).toContain('— best');
  });

  it('a 100-character CJK hashtag → its button ids stay within 100 characters and still find the tag', async () => {
    const id = codec.encode({ tag: LONG_TAG, sort: 'best', cursor: 'zzzzzzzzzzzzzz.zzzzzzzzzzzz' });
    expect(id.length).toBeLessThanOrEqual(100);
    const answered = await h.fake.slash('threads', { hashtag: LONG_TAG }, who()).answered();
    const original = answered.original as FakeMessage;
    const sort = (original.components as { components: { label: string; custom_id: string }[] }[])[0]?.components.find((b) => b.label === 'Best');
    expect(sort?.custom_id.length).toBeLessThanOrEqual(100);
    const pressed = await h.fake.button(sort?.custom_id ?? '', original, who()).answered();
    expect(pressed.callbacks[0]?.type).toBe(7);
    expect(original.content).toContain('best');
    expect(await codec.decode(id, { tagsByPrefix: async () => [{ tag: LONG_TAG, threads: 1 }] })).toEqual({
      tag: LONG_TAG,
      sort: 'best',
      cursor: 'zzzzzzzzzzzzzz.zzzzzzzzzzzz',
      fresh: false,
    });
  });

  it('typing "xj" in a hashtag option → autocomplete offers the stored tags starting with it', async () => {
    const interaction = await h.fake.autocomplete('threads', { hashtag: '#XJ' }, 'hashtag', who()).answered();
    expect(interaction.callbacks[0]?.type).toBe(8);
    const choices = (interaction.callbacks[0]?.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices.map((c) => c.value).sort()).toEqual(['xinjiang', 'xjtu'].sort().filter((t) => t.startsWith('xj')));
    expect(choices[0]?.name).toMatch(/^#xjtu · 1 threads$/u);
  });

  it('30 stored tags share the typed prefix → exactly 25 choices, as Discord allows', async () => {
    const interaction = await h.fake.autocomplete('related', { hashtag: 'many' }, 'hashtag', who()).answered();
    expect((interaction.callbacks[0]?.data as { choices: unknown[] }).choices).toHaveLength(25);
  });

  it('typing "oslo" in /subscribe’s timezone → Europe/Oslo is offered', async () => {
    const interaction = await h.fake.autocomplete('subscribe', { hashtag: 'xinjiang', timezone: 'oslo' }, 'timezone', who()).answered();
    expect((interaction.callbacks[0]?.data as { choices: { value: string }[] }).choices.map((c) => c.value)).toEqual(['Europe/Oslo']);
  });

  it('a thread with @everyone, <@&123>, markdown and 5000 characters → rendered inert and within limits', async () => {
    const interaction = await h.fake.slash('threads', { hashtag: 'hostile' }, who()).answered();
    const callback = interaction.callbacks[0];
    expect(callback?.type).toBe(4); // the fake would have refused (400) anything over a limit
    const data = callback?.data as { embeds: { description: string; author: { name: string } }[]; allowed_mentions: unknown };
    const description = data.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).not.toMatch(/@everyone|@here|<@&123>|<@456>/u);
    expect(description).toContain('\\*\\*bold\\*\\*');
    expect(description).toContain('\\[click\\]');
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('a member without Manage Channels runs /subscribe → an ephemeral refusal, nothing subscribed', async () => {
    const interaction = await h.fake.slash('subscribe', { hashtag: 'xinjiang', channel: h.channel }, { ...who(), permissions: PERMISSIONS.member }).answered();
    const data = interaction.callbacks[0]?.data as { content: string; flags: number };
    expect(data.content).toBe('Only administrators of this chat can change its subscriptions and settings.');
    expect(data.flags & 64).toBe(64);
  });

  it('a member with Manage Channels subscribes a forum channel → the chosen channel is the chat, time and zone pass through', async () => {
    const forum = h.fake.addChannel({ guild_id: h.guild, type: 15, name: 'digests' });
    const interaction = await h.fake
      .slash(
        'subscribe',
        { hashtag: 'xinjiang', channel: forum, time: '07:30', timezone: 'Europe/Oslo' },
        { ...who(), permissions: PERMISSIONS.manageChannels },
      )
      .answered();
    expect((interaction.callbacks[0]?.data as { content: string }).content).toBe(`\\#xinjiang — 07:30 Europe/Oslo in ${forum}`);
  });

  it('an unknown hashtag → an ephemeral sentence naming the closest known tags', async () => {
    const interaction = await h.fake.slash('threads', { hashtag: 'xinjang' }, who()).answered();
    const data = interaction.callbacks[0]?.data as { content: string; flags: number };
    expect(data.content).toContain('No threads about #xinjang yet. Closest known: #xinjiang');
    expect(data.flags & 64).toBe(64);
  });

  it('/unsubscribe before the scheduler exists → the router’s unknown-command sentence, ephemeral', async () => {
    const interaction = await h.fake.slash('unsubscribe', { hashtag: 'xinjiang' }, { ...who(), permissions: PERMISSIONS.manageChannels }).answered();
    expect((interaction.callbacks[0]?.data as { content: string }).content).toBe('/unsubscribe is not a command here; /help lists them.');
  });

  it('/digest hashtag:xinjiang → the digest as embeds; /help → the command list', async () => {
    const digest = await h.fake.slash('digest', { hashtag: 'xinjiang' }, who()).answered();
    expect(digest.callbacks[0]?.type).toBe(4);
    const help = await h.fake.slash('help', {}, who()).answered();
    expect((help.callbacks[0]?.data as { content: string }).content).toContain('/threads <hashtag|@handle> [recent|best]');
  });

  it('no token reaches the logs', async () => {
    expect(JSON.stringify(h.logs)).not.toContain(h.fake.token);
  });
});
