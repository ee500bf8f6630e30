import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeUser, SentMessage } from '../../../fakes/telegram/server.ts';
import { mediaCorpus, PICTURES } from '../../../support/media-corpus.ts';
import { startBotHarness, type BotHarness } from '../../../support/telegram-bot.ts';

const reader: FakeUser = { id: 31, is_bot: false, first_name: 'Reader' };
const group: FakeChat = { id: -1008880001, type: 'supergroup', title: 'Readers' };

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness(mediaCorpus(), { settings: true, pageSize: 30 });
  h.fake.setMember(group.id, reader.id, 'administrator');
});
afterAll(async () => {
  await h.close();
});

async function ask(text: string): Promise<SentMessage[]> {
  const before = h.fake.messages.length;
  h.fake.sendText({ chat: group, from: reader, text });
  await h.fake.waitFor(() => h.fake.messages.length > before);
  return h.fake.messages.slice(before);
}

describe('Telegram: /threads with pictures and sensitive threads, /settings', () => {
  it('/threads → the first safe picture as the link preview, sensitive threads behind tg-spoiler with their warnings in bold', async () => {
    const [page] = await ask('/threads xinjiang');
    expect([PICTURES.xPhoto, PICTURES.rssAksu, PICTURES.rssKashgar]).toContain(page?.link_preview_options?.url);
    expect(page?.entities?.filter((e) => e.type === 'spoiler')).toHaveLength(4);
    expect(page?.entities?.filter((e) => e.type === 'bold').map((e) => e.text)).toContain('⚠️ Content warning: detention, testimony');
  });

  it('/settings sensitive skip, then /settings media off → saved; /threads leaves the sensitive threads out, says so, previews nothing', async () => {
    expect((await ask('/settings sensitive skip'))[0]?.text).toContain('Sensitive threads: left out');
    expect((await ask('/settings media off'))[0]?.text).toContain('Pictures: off');
    const [page] = await ask('/threads xinjiang');
    expect(page?.link_preview_options).toEqual({ is_disabled: true });
    expect(page?.entities?.some((e) => e.type === 'spoiler')).toBe(false);
    expect(page?.text).toContain('4 sensitive threads left out (this chat’s setting).');
    expect(page?.text).not.toContain('🖼');
  });

  it('/settings colour red → one sentence, nothing changed', async () => {
    const before = await h.stores.chatSettings.get({ platform: 'telegram', chatId: String(group.id) });
    expect((await ask('/settings colour red'))[0]?.text).toMatch(/^“colour red” is not a setting/u);
    expect(await h.stores.chatSettings.get({ platform: 'telegram', chatId: String(group.id) })).toEqual(before);
  });
});
