import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../fakes/discord/index.ts';
import { makeChain } from '../../../support/posts.ts';
import { startHarness, type Harness } from '../../../support/discord-bot.ts';

// The bot with the real subscription commands of the shared router, on real SQLite.

let h: Harness;
let forum: string;
const admin = () => ({ guildId: h.guild, channelId: h.channel, permissions: PERMISSIONS.manageChannels });
const member = () => ({ guildId: h.guild, channelId: h.channel, permissions: PERMISSIONS.member });
const content = (i: { callbacks: { data?: Record<string, unknown> }[] }) => String(i.callbacks[0]?.data?.['content']);

beforeAll(async () => {
  h = await startHarness(makeChain('cotton', 3, 'a1', { lang: 'en' }), { realSubscriptions: true });
  forum = h.fake.addChannel({ guild_id: h.guild, type: 15, name: 'digests' });
});
afterAll(async () => {
  await h.close();
});

describe('discord subscriptions through the shared router', () => {
  it('a member without Manage Channels → refused ephemerally, nothing stored', async () => {
    const answer = await h.fake.slash('subscribe', { hashtag: 'xinjiang', channel: forum }, member()).answered();
    expect(content(answer)).toBe('Only administrators of this chat can change its subscriptions and settings.');
    expect(answer.callbacks[0]?.data?.['flags']).toBe(64);
    expect(await h.stores.subscriptions.list({ platform: 'discord', chatId: forum })).toEqual([]);
  });

  it('a member with Manage Channels picks a forum channel, a time and a zone → that channel is subscribed', async () => {
    const answer = await h.fake.slash('subscribe', { hashtag: '#Xinjiang', channel: forum, time: '07:30', timezone: 'Europe/Oslo' }, admin()).answered();
    expect(content(answer)).toContain('Subscribed to #xinjiang');
    const [stored] = await h.stores.subscriptions.list({ platform: 'discord', chatId: forum });
    expect(stored).toMatchObject({ tag: 'xinjiang', target: { platform: 'discord', chatId: forum } });
  });

  it('a zone without a time → accepted (the router defaults the time)', async () => {
    const answer = await h.fake.slash('subscribe', { hashtag: 'xinjiang', timezone: 'Asia/Urumqi' }, admin()).answered();
    expect(content(answer)).toContain('Subscribed to');
    expect(await h.stores.subscriptions.list({ platform: 'discord', chatId: h.channel })).toHaveLength(1);
  });

  it('/subscriptions channel:forum → lists it; /unsubscribe → removes it', async () => {
    expect(content(await h.fake.slash('subscriptions', { channel: forum }, admin()).answered())).toContain('#xinjiang — every day at 07:30');
    expect(content(await h.fake.slash('unsubscribe', { hashtag: 'xinjiang', channel: forum }, admin()).answered())).toContain('Unsubscribed');
    expect(await h.stores.subscriptions.list({ platform: 'discord', chatId: forum })).toEqual([]);
  });

  it('a time that is no time → the router’s sentence, ephemeral', async () => {
    const answer = await h.fake.slash('subscribe', { hashtag: 'xinjiang', time: '25:99' }, admin()).answered();
    expect(content(answer)).toContain('is not a time of day');
    expect(answer.callbacks[0]?.data?.['flags']).toBe(64);
  });
});
