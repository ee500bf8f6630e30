import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeUser, SentMessage } from '../../../fakes/telegram/server.ts';
import { startBotHarness, type BotHarness } from '../../../support/telegram-bot.ts';

const member: FakeUser = { id: 11, is_bot: false, first_name: 'Member' };
const admin: FakeUser = { id: 12, is_bot: false, first_name: 'Admin' };
const group: FakeChat = { id: -1005550001, type: 'supergroup', title: 'Readers' };
const channel: FakeChat = { id: -1005550002, type: 'channel', title: 'Spool & Friends', username: 'spoolchan' };

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  h.fake.setMember(group.id, admin.id, 'administrator');
  h.fake.addChat(channel);
});
afterAll(async () => {
  await h.close();
});

async function ask(text: string, chat: FakeChat, from: FakeUser): Promise<SentMessage> {
  const before = h.fake.messages.length;
  h.fake.sendText({ chat, from, text });
  await h.fake.waitFor(() => h.fake.messages.length > before);
  return h.fake.messages[before] as SentMessage;
}
const dmOf = (user: FakeUser): FakeChat => ({ id: user.id, type: 'private' });

describe('Telegram bot: who may change subscriptions', () => {
  it('a group member who is not an admin → /subscribe refused with one sentence', async () => {
    const m = await ask('/subscribe xinjiang', group, member);
    expect(m.text).toBe('Only administrators of this chat can change its subscriptions and settings.');
    expect(h.fake.calls.some((c) => c.method === 'getChatMember' && c.payload.user_id === member.id)).toBe(true);
  });

  it('a group admin → /subscribe runs for the group', async () => {
    expect((await ask('/subscribe xinjiang', group, admin)).text).toBe(`#xinjiang — chat ${group.id}`);
  });

  it('a private chat → its user manages it, with no getChatMember call', async () => {
    const calls = h.fake.calls.filter((c) => c.method === 'getChatMember').length;
    expect((await ask('/subscribe xinjiang', dmOf(member), member)).text).toBe(`#xinjiang — chat ${member.id}`);
    expect(h.fake.calls.filter((c) => c.method === 'getChatMember')).toHaveLength(calls);
  });

  it('a channel named from a private chat while the bot is not its admin → told to add the bot first', async () => {
    const m = await ask('/subscribe xinjiang @spoolchan', dmOf(admin), admin);
    expect(m.text).toBe('Add me to Spool & Friends as an administrator first, so that I can post its digests.');
  });

  it('an unknown channel → told to check the name', async () => {
    const m = await ask('/subscribe xinjiang @nosuchchannel', dmOf(admin), admin);
    expect(m.text).toBe("I can't find the channel @nosuchchannel: check the name, and add me to it as an administrator first.");
  });

  it('a channel where the bot is admin but the user is not → refused; the user is admin too → runs for the channel id', async () => {
    h.fake.setMember(channel.id, h.fake.bot.id, 'administrator');
    h.fake.setMember(channel.id, admin.id, 'creator');
    expect((await ask('/subscribe xinjiang @spoolchan', dmOf(member), member)).text).toBe(
      'Only administrators of Spool & Friends can manage its subscriptions.',
    );
    expect((await ask(`/subscribe xinjiang ${channel.id}`, dmOf(admin), admin)).text).toBe(`#xinjiang — chat ${channel.id}`);
  });

  it('a handler that throws → a polite answer, the error logged, and the bot keeps answering', async () => {
    const m = await ask('/boom', dmOf(member), member);
    expect(m.text).toBe('Something went wrong on our side; it has been logged. Please try again in a minute.');
    expect(h.log.entries.some((e) => e.level === 'error' && JSON.stringify(e.obj).includes('kaboom'))).toBe(true);
    expect((await ask('/threads xinjiang', dmOf(member), member)).text).toMatch(/^Threads about #xinjiang/u);
    expect(JSON.stringify(h.log.entries)).not.toContain(h.fake.token);
  });

  it('the bot’s publisher → delivers through the same API as the bot', async () => {
    const before = h.fake.messages.length;
    const outcome = await h.bot.publisher.publish({
      target: { platform: 'telegram', chatId: String(group.id) },
      digest: { tag: 'xinjiang', title: '#xinjiang — threads of 2026-11-23', since: '2026-11-22T12:00:00Z', until: '2026-11-23T12:00:00Z', items: [] },
      idempotencyKey: 'sub-9:2026-11-23',
      sendWhenEmpty: true,
    });
    expect(outcome).toEqual({ status: 'sent', messages: 1 });
    expect(h.fake.messages[before]?.chat_id).toBe(group.id);
  });
});
