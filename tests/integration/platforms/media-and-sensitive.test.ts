import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DigestPublisher } from '../../../src/core/index.ts';
import { createDiscordPublisher } from '../../../src/platforms/discord/index.ts';
import { createTelegramPublisher } from '../../../src/platforms/telegram/index.ts';
import { startFakeDiscord, type FakeDiscord, type FakeMessage } from '../../fakes/discord/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/server.ts';
import { recordingLog, schedulerFor, testWorld } from '../../support/scheduler.ts';
import { mediaCorpus, PICTURES } from '../../support/media-corpus.ts';

/**
 * Real-shaped answers of X, Mastodon, Bluesky and RSS, parsed and stored in SQLite, delivered by the
 * scheduler through the real Telegram and Discord publishers to the fakes (which refuse what the
 * platforms refuse): pictures within the limits, spoilers that hold, adult threads kept from channels
 * not marked NSFW.
 */
let telegram: FakeTelegram;
let discord: FakeDiscord;
let world: ReturnType<typeof testWorld>;
let publishers: DigestPublisher[];

beforeEach(async () => {
  world = testWorld('2026-11-23T10:00:00Z');
  await world.stores.posts.ingest(mediaCorpus());
  telegram = await startFakeTelegram();
  discord = await startFakeDiscord();
  const log = recordingLog();
  publishers = [
    createTelegramPublisher({ token: telegram.token, apiRoot: telegram.apiRoot, log, limits: false, retry: { backoffMs: 20 } }),
    createDiscordPublisher({ token: discord.token, apiUrl: discord.apiUrl, log }),
  ];
});
afterEach(async () => {
  await telegram.close();
  await discord.close();
  world.db.close();
});

async function subscribe(platform: string, chatId: string): Promise<void> {
  const added = await world.stores.subscriptions.add(
    { target: { platform, chatId }, tag: 'xinjiang', schedule: { kind: 'daily', time: '09:00', zone: 'UTC' } },
    { maxPerChat: 5 },
  );
  expect(added.ok).toBe(true);
}

async function deliverAll(): Promise<void> {
  const report = await schedulerFor(world, publishers, { chatSettings: world.stores.chatSettings }).runOnce(world.clock.now(), 'all');
  expect(report.failed).toBe(0);
}

/** The `||` marks Discord reads as spoiler boundaries (an escaped `\|` is a plain bar). */
function spoilerMarks(text: string): number {
  let marks = 0;
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '|' && text[i + 1] === '|') {
      marks++;
      i++;
    }
  }
  return marks;
}

const embedsOf = (messages: FakeMessage[]) =>
  messages.flatMap((m) => m.embeds as { description?: string; image?: { url: string }; author?: { name: string } }[]);

describe('pictures and sensitive threads, from the sources to the chats', () => {
  it('Telegram, default settings → every message accepted; the first safe picture previewed, never a sensitive one; warnings in the clear, sensitive text and pictures inside tg-spoiler', async () => {
    await subscribe('telegram', '55');
    await deliverAll();
    const messages = telegram.messages.filter((m) => m.chat_id === 55);
    expect(messages.length).toBeGreaterThan(0);
    const sensitivePictures = [PICTURES.xVideoStill, PICTURES.mastodonLetter, PICTURES.blueskyAdult, PICTURES.rssAdult];
    for (const message of messages) {
      expect(message.text.length).toBeLessThanOrEqual(4096);
      const preview = message.link_preview_options;
      if (preview?.url) expect(sensitivePictures).not.toContain(preview.url);
    }
    expect(messages[0]?.link_preview_options).toMatchObject({ prefer_large_media: true });
    expect([PICTURES.xPhoto, PICTURES.rssAksu, PICTURES.rssKashgar]).toContain(messages[0]?.link_preview_options?.url);
    const entities = messages.flatMap((m) => m.entities ?? []);
    const spoilers = entities.filter((e) => e.type === 'spoiler').map((e) => e.text);
    expect(spoilers).toHaveLength(4);
    expect(spoilers.find((s) => s.includes('What the families told us || and what they did not'))).toContain('🖼 A handwritten letter, names blacked out');
    expect(entities.filter((e) => e.type === 'bold').map((e) => e.text)).toContain('⚠️ Content warning: detention, testimony');
    const pictureLinks = entities.filter((e) => e.type === 'text_link' && e.text.startsWith('🖼'));
    expect(pictureLinks).toContainEqual({ type: 'text_link', text: '🖼 A walled compound seen from above, four watchtowers', url: PICTURES.xPhoto });
    // Nothing outside a spoiler gives a sensitive text away.
    const visible = messages.map((m) => m.text).join('\n');
    for (const hidden of spoilers) expect(visible.split(hidden).length - 1).toBe(1);
  });

  it('Telegram with /settings media off and sensitive skip → no preview, no picture links, the sensitive threads left out and counted in a closing line', async () => {
    await subscribe('telegram', '56');
    await world.stores.chatSettings.update({ platform: 'telegram', chatId: '56' }, { media: false, sensitive: 'skip' });
    await deliverAll();
    const messages = telegram.messages.filter((m) => m.chat_id === 56);
    for (const message of messages) expect(message.link_preview_options).toEqual({ is_disabled: true });
    const text = messages.map((m) => m.text).join('\n');
    expect(text).not.toContain('🖼');
    expect(text).not.toContain('What the families told us');
    expect(text).toContain('3 threads');
    expect(text).toContain('4 sensitive threads left out (this chat’s setting).');
  });

  it('Discord, a channel not marked NSFW → age-restricted threads withheld and said so; sensitive ones behind one ||spoiler|| each, the warning in the clear; a safe picture embedded with its alt text', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guild_id: guild, name: 'digests', nsfw: false });
    await subscribe('discord', channel);
    await deliverAll();
    const posted = discord.messages(channel);
    const embeds = embedsOf(posted);
    expect(embeds).toHaveLength(5);
    expect(
      embeds
        .map((e) => e.image?.url)
        .filter(Boolean)
        .sort(),
    ).toEqual([PICTURES.rssAksu, PICTURES.rssKashgar, PICTURES.xPhoto].sort());
    expect(JSON.stringify(posted)).not.toContain(PICTURES.blueskyAdult);
    expect(JSON.stringify(posted)).not.toContain('Not for work');
    const compound = embeds.find((e) => e.image?.url === PICTURES.xPhoto);
    expect(compound?.description).toContain('🖼 A walled compound seen from above, four watchtowers');
    const letter = embeds.find((e) => e.description?.includes('families'));
    expect(letter?.description?.startsWith('**⚠️ Content warning: detention, testimony**\n||')).toBe(true);
    expect(spoilerMarks(letter?.description ?? '')).toBe(2);
    expect(letter?.description).toContain('told us \\|\\| and what');
    expect(letter?.image).toBeUndefined();
    expect(posted.at(-1)?.content).toBe('*2 threads for adults withheld: this channel is not age-restricted.*');
  });

  it('Discord, a channel marked NSFW → the age-restricted threads arrive, still behind spoilers, with no withheld line', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guild_id: guild, name: 'after-dark', nsfw: true });
    await subscribe('discord', channel);
    await deliverAll();
    const posted = discord.messages(channel);
    const embeds = embedsOf(posted);
    expect(embeds).toHaveLength(7);
    const adult = embeds.find((e) => e.author?.name.includes('steppe.bsky.social'));
    expect(adult?.description?.startsWith('**⚠️ Sensitive content**\n||')).toBe(true);
    expect(adult?.image).toBeUndefined();
    expect(posted.some((m) => m.content.includes('withheld'))).toBe(false);
  });
});
