import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeUser, SentMessage } from '../../../fakes/telegram/server.ts';
import { startBotHarness, type BotHarness } from '../../../support/telegram-bot.ts';

// The scheduler's real /subscribe, /unsubscribe, /subscriptions, through the bot, on real SQLite.
const member: FakeUser = { id: 21, is_bot: false, first_name: 'Member' };
const admin: FakeUser = { id: 22, is_bot: false, first_name: 'Admin' };
const forum: FakeChat = { id: -1007770001, type: 'supergroup', title: 'Forum', is_forum: true };
const channel: FakeChat = { id: -1007770002, type: 'channel', title: 'Digest Channel', username: 'digestchan' };

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness([], { realSubscriptions: true });
  h.fake.setMember(forum.id, admin.id, 'administrator');
  h.fake.addChat(channel);
  h.fake.setMember(channel.id, h.fake.bot.id, 'administrator');
  h.fake.setMember(channel.id, admin.id, 'administrator');
});
afterAll(async () => {
  await h.close();
});

async function ask(text: string, chat: FakeChat, from: FakeUser, topicId?: number): Promise<SentMessage> {
  const before = h.fake.messages.length;
  h.fake.sendText({ chat, from, text, ...(topicId === undefined ? {} : { topicId }) });
  await h.fake.waitFor(() => h.fake.messages.length > before);
  return h.fake.messages[before] as SentMessage;
}

describe('Telegram bot with the real subscription commands', () => {
  it('a non-admin in a group → /subscribe refused and nothing stored', async () => {
    expect((await ask('/subscribe xinjiang', forum, member, 5)).text).toBe('Only administrators of this chat can change its subscriptions and settings.');
    expect(await h.stores.subscriptions.list()).toEqual([]);
  });

  it('an admin in a forum topic → subscribed for that topic, answered in it', async () => {
    const m = await ask('/subscribe xinjiang 08:00 Europe/Oslo', forum, admin, 5);
    expect(m.message_thread_id).toBe(5);
    expect(await h.stores.subscriptions.list()).toMatchObject([{ tag: 'xinjiang', target: { platform: 'telegram', chatId: String(forum.id), topicId: '5' } }]);
  });

  it('a channel admin in a private chat naming @digestchan → the channel subscribed and listed', async () => {
    const dm: FakeChat = { id: admin.id, type: 'private' };
    await ask('/subscribe cotton @digestchan', dm, admin);
    expect((await h.stores.subscriptions.list()).map((s) => [s.tag, s.target.chatId])).toContainEqual(['cotton', String(channel.id)]);
    expect((await ask('/subscriptions @digestchan', dm, admin)).text).toContain('#cotton');
  });
});
