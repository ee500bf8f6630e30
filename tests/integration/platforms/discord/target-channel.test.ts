import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIT, PERMISSIONS } from '../../../fakes/discord/index.ts';
import { makeChain } from '../../../support/posts.ts';
import { startHarness, type Harness } from '../../../support/discord-bot.ts';

// Issue 12, item 9: `/subscribe … channel:#other` checked the member's permissions in the channel
// where the command was typed, not in the target, and nobody checked that the bot could post there.

const USER = '1100000000000000042';
let h: Harness;
beforeAll(async () => {
  h = await startHarness(makeChain('cotton', 2, 'a1'), { realSubscriptions: true });
});
afterAll(async () => {
  await h.close();
});

const content = (i: { callbacks: { data?: Record<string, unknown> }[] }) => String(i.callbacks[0]?.data?.['content']);
const stored = async (channel: string) => h.stores.subscriptions.list({ platform: 'discord', chatId: channel });
const manager = (channelId: string) => ({ guildId: h.guild, channelId, userId: USER, permissions: PERMISSIONS.manageChannels });

describe('/subscribe with a channel option is judged in that channel', () => {
  it('a member who may manage only the channel typed in (a member overwrite there) → refused for #other, nothing stored', async () => {
    const typedIn = h.fake.addChannel({
      guild_id: h.guild,
      name: 'mods-only',
      overwrites: [{ id: USER, type: 1, allow: String(BIT.manageChannels), deny: '0' }],
    });
    const other = h.fake.addChannel({ guild_id: h.guild, name: 'other' });
    const answer = await h.fake
      .slash('subscribe', { hashtag: 'xinjiang', channel: other }, { guildId: h.guild, channelId: typedIn, userId: USER, permissions: PERMISSIONS.member })
      .answered();
    expect(content(answer)).toBe('Only administrators of this chat can change its subscriptions and settings.');
    expect(answer.callbacks[0]?.data?.['flags']).toBe(64);
    expect(await stored(other)).toEqual([]);
  });

  it('a manager whose role is denied Manage Channels in #other → refused, nothing stored', async () => {
    const other = h.fake.addChannel({ guild_id: h.guild, name: 'locked' });
    const answer = await h.fake.slash('subscribe', { hashtag: 'xinjiang', channel: other }, manager(h.channel)).answered();
    expect(content(answer)).toContain('Subscribed to #xinjiang'); // the role may manage it…
    await h.fake.slash('unsubscribe', { hashtag: 'xinjiang', channel: other }, manager(h.channel)).answered();
    const role = h.fake.state.roles.get(h.guild)?.find((r) => r.permissions === PERMISSIONS.manageChannels);
    const channel = h.fake.state.channels.get(other);
    if (!role || !channel) throw new Error('fake setup');
    channel.overwrites = [{ id: role.id, type: 0, allow: '0', deny: String(BIT.manageChannels) }];
    const refused = await h.fake.slash('subscribe', { hashtag: 'xinjiang', channel: other }, manager(h.channel)).answered();
    expect(content(refused)).toBe('Only administrators of this chat can change its subscriptions and settings.');
    expect(await stored(other)).toEqual([]);
  });

  it.each([
    ['cannot send messages there', 'missing-permissions'],
    ['cannot even see it', 'missing-access'],
  ] as const)('a manager picks a channel where the bot %s → told so in one sentence, nothing stored', async (_what, access) => {
    const other = h.fake.addChannel({ guild_id: h.guild, name: `closed-${access}`, access });
    const answer = await h.fake.slash('subscribe', { hashtag: 'xinjiang', channel: other }, manager(h.channel)).answered();
    expect(content(answer)).toBe('I cannot post in that chat: give me the right to see it, send messages and embed links there, then subscribe again.');
    expect(await stored(other)).toEqual([]);
  });

  it('a manager subscribes the channel typed in, where the bot may not post → told so, nothing stored', async () => {
    const here = h.fake.addChannel({ guild_id: h.guild, name: 'read-only', access: 'missing-permissions' });
    const answer = await h.fake.slash('subscribe', { hashtag: 'xinjiang' }, manager(here)).answered();
    expect(content(answer)).toContain('I cannot post in that chat');
    expect(await stored(here)).toEqual([]);
  });

  it('a manager of #other, where the bot may post → subscribed, and /unsubscribe there works the same way', async () => {
    const other = h.fake.addChannel({ guild_id: h.guild, name: 'digests' });
    expect(content(await h.fake.slash('subscribe', { hashtag: 'cotton', channel: other }, manager(h.channel)).answered())).toContain('Subscribed to #cotton');
    expect(await stored(other)).toMatchObject([{ tag: 'cotton' }]);
    const member = { guildId: h.guild, channelId: h.channel, userId: '1100000000000000099', permissions: PERMISSIONS.member };
    expect(content(await h.fake.slash('unsubscribe', { hashtag: 'cotton', channel: other }, member).answered())).toBe(
      'Only administrators of this chat can change its subscriptions and settings.',
    );
    expect(content(await h.fake.slash('unsubscribe', { hashtag: 'cotton', channel: other }, manager(h.channel)).answered())).toContain('Unsubscribed');
  });
});
