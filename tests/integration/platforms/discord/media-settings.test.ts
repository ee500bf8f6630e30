import { afterEach, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../fakes/discord/index.ts';
import { mediaCorpus, PICTURES } from '../../../support/media-corpus.ts';
import { startHarness, type Harness } from '../../../support/discord-bot.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Answer = { content: string; embeds?: { description?: string; image?: { url: string } }[]; flags?: number };
async function slash(
  harness: Harness,
  name: string,
  options: Record<string, string>,
  permissions = PERMISSIONS.manageChannels,
  locale?: string,
): Promise<Answer> {
  const sent = harness.fake.slash(name, options, { guildId: harness.guild, channelId: harness.channel, permissions, ...(locale ? { locale } : {}) });
  const interaction = await sent.answered();
  return interaction.callbacks[0]?.data as Answer;
}

describe('Discord: /threads with pictures and sensitive threads, /settings', () => {
  it('/threads in a channel not marked NSFW → no age-restricted thread, the content says how many were withheld; safe pictures embedded', async () => {
    h = await startHarness(mediaCorpus(), { settings: true, pageSize: 10 });
    const answer = await slash(h, 'threads', { hashtag: 'xinjiang' });
    expect(answer.embeds).toHaveLength(5);
    expect(answer.content).toMatch(/\n\*2 threads for adults withheld: this channel is not age-restricted\.\*$/u);
    expect(JSON.stringify(answer)).not.toContain(PICTURES.blueskyAdult);
    expect(answer.embeds?.map((e) => e.image?.url).filter(Boolean)).toContain(PICTURES.xPhoto);
  });

  it('/settings setting:media value:off by a member who manages channels → saved and shown; /threads then embeds no picture; a member without the right is refused', async () => {
    h = await startHarness(mediaCorpus(), { settings: true, pageSize: 10, nsfw: true });
    const saved = await slash(h, 'settings', { setting: 'media', value: 'off' });
    expect(saved.content).toContain('Saved. This chat’s settings:');
    expect(saved.content).toContain('Pictures: off');
    const answer = await slash(h, 'threads', { hashtag: 'xinjiang' });
    expect(answer.embeds).toHaveLength(7);
    expect(answer.embeds?.some((e) => e.image)).toBe(false);
    const refused = await slash(h, 'settings', { setting: 'sensitive', value: 'skip' }, PERMISSIONS.member);
    expect(refused.flags).toBe(64);
    expect(refused.content).toBe('Only administrators of this chat can change its subscriptions and settings.');
    expect((await h.stores.chatSettings.get({ platform: 'discord', chatId: h.channel })).sensitive).toBe('spoiler');
  });

  it('/settings setting:media value:sometimes → one sentence, nothing changed', async () => {
    h = await startHarness(mediaCorpus(), { settings: true });
    const answer = await slash(h, 'settings', { setting: 'media', value: 'sometimes' });
    expect(answer.flags).toBe(64);
    expect(answer.content).toContain('is not a setting');
    expect(await h.stores.chatSettings.get({ platform: 'discord', chatId: h.channel })).toEqual({ media: true, sensitive: 'spoiler', threadLanguages: [] });
  });
});
