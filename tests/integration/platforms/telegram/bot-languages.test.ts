import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeUser, SentMessage } from '../../../fakes/telegram/server.ts';
import { startBotHarness, threadPosts, type BotHarness } from '../../../support/telegram-bot.ts';

const french: FakeUser = { id: 41, is_bot: false, first_name: 'Amélie', language_code: 'fr' };
const swiss: FakeUser = { id: 42, is_bot: false, first_name: 'Urs', language_code: 'de-CH' };
const japanese: FakeUser = { id: 43, is_bot: false, first_name: 'Aoi', language_code: 'ja' };
const group: FakeChat = { id: -1009990001, type: 'supergroup', title: 'Lecteurs' };

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness(threadPosts('lang', { text: 'Notes on the harvest', tag: 'xinjiang' }), { settings: true });
  h.fake.setMember(group.id, french.id, 'administrator');
});
afterAll(async () => {
  await h.close();
});

async function ask(text: string, from: FakeUser, chat: FakeChat = { id: from.id, type: 'private' }): Promise<SentMessage> {
  const before = h.fake.messages.length;
  h.fake.sendText({ chat, from, text });
  await h.fake.waitFor(() => h.fake.messages.length > before);
  return h.fake.messages[before] as SentMessage;
}

describe('Telegram speaks the chat’s language', () => {
  it('start → the command menu in English for everyone and translated for French, Italian and German apps', () => {
    expect(h.fake.commands.find((c) => c.command === 'threads')?.description).toBe('The latest (or best) threads about a hashtag, or by an @author');
    expect(h.fake.localizedCommands.get('fr')?.find((c) => c.command === 'threads')?.description).toBe(
      'Les fils les plus récents (ou les meilleurs) sur un hashtag, ou d’un @auteur',
    );
    expect(h.fake.localizedCommands.get('it')?.find((c) => c.command === 'settings')?.description).toContain('Come questa chat mostra');
    expect(h.fake.localizedCommands.get('de')?.map((c) => c.command)).toEqual(h.fake.commands.map((c) => c.command));
  });

  it('no /language yet → the language of the person’s app (fr, de-CH); one Spool does not speak (ja) → English', async () => {
    expect((await ask('/threads xinjiang', french)).text).toMatch(/^Fils sur #xinjiang — les plus récents \(\d+\)/u);
    expect((await ask('/threads nosuchtag', swiss)).text).toBe('Noch keine Threads zu #nosuchtag.');
    expect((await ask('/threads xinjiang', japanese)).text).toMatch(/^Threads about #xinjiang — most recent/u);
  });

  it('/language de in a group (an admin) → answered in German at once, and every later answer there too, whatever the app says', async () => {
    expect((await ask('/language de', french, group)).text).toContain('Gespeichert. Einstellungen dieses Chats:\nBilder: an');
    const page = await ask('/threads xinjiang', french, group);
    expect(page.text).toMatch(/^Threads zu #xinjiang — neueste zuerst/u);
    expect(page.text).toContain('Thread lesen →');
    expect(page.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['✓ Neueste', 'Beste', 'Weiter ▶']);
    expect((await ask('/subscribe', french, group)).text).toBe('Nenne einen Hashtag, zum Beispiel: /threads xinjiang');
  });

  it('/language klingon → one sentence in the chat’s language, nothing changed', async () => {
    const m = await ask('/language klingon', french, group);
    expect(m.text).toBe('„klingon“ ist keine Sprache, die Spool spricht: nimm en, fr, it, de (oder auto).');
    expect((await h.stores.chatSettings.get({ platform: 'telegram', chatId: String(group.id) })).language).toBe('de');
  });
});
