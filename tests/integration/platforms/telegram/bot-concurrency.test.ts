import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message, createCommandRouter, CORE_COMMANDS, defineCommand, ok, type ChatRouter, type RouterServices } from '../../../../src/core/index.ts';
import { createTelegramBot, type TelegramBot } from '../../../../src/platforms/telegram/index.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../../src/store/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../../fakes/telegram/server.ts';
import { createRecordingLog } from '../../../support/telegram.ts';

/**
 * Updates are handled concurrently across chats and in order within a chat: one slow chat holds up
 * nobody else, and two commands in the same chat are answered in the order they were sent.
 */
let fake: FakeTelegram;
let db: Db;
let bot: TelegramBot;
const finished: string[] = [];

/** `/slow N` takes N ms to answer, and notes when it finished. */
const slow = defineCommand<RouterServices, number>({
  name: 'slow',
  description: 'Test-only: answers after a delay',
  options: [],
  parse: (args) => ok(Number(args[0] ?? '0')),
  async run(ms, ctx) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    finished.push(`${ctx.chatId}:${ms}`);
    return { kind: 'notice', message: message('subscriptions.line', { subject: '#slept', cadence: `${ms} ms` }) };
  },
});

beforeAll(async () => {
  fake = await startFakeTelegram();
  db = openDatabase(':memory:');
  const stores = createSqliteStores(db, { now: () => new Date() });
  const router: ChatRouter = createCommandRouter(
    { threads: stores.threads, tags: stores.tags, authors: stores.authors, keys: stores.keys, clock: { now: () => new Date() } },
    [...CORE_COMMANDS, slow],
  );
  bot = createTelegramBot({
    token: fake.token,
    apiRoot: fake.apiRoot,
    router,
    tags: stores.tags,
    log: createRecordingLog(),
    limits: false,
    pollingTimeoutS: 5,
  });
  await bot.start();
});
afterAll(async () => {
  await bot.stop();
  await fake.close();
  db.close();
});

const user = (id: number) => ({ id, is_bot: false, first_name: `U${id}` });

describe('Telegram updates: concurrent across chats, in order within a chat', () => {
  it('a slow command in one chat → another chat is answered first; a second command in the slow chat waits its turn', async () => {
    fake.sendText({ chat: { id: 1, type: 'private' }, from: user(1), text: '/slow 1500' });
    fake.sendText({ chat: { id: 1, type: 'private' }, from: user(1), text: '/slow 10' });
    fake.sendText({ chat: { id: 2, type: 'private' }, from: user(2), text: '/slow 10' });
    await fake.waitFor(() => fake.messages.filter((m) => m.chat_id === 1).length === 2, 20_000);
    expect(finished).toEqual(['2:10', '1:1500', '1:10']);
    expect(fake.messages.filter((m) => m.chat_id === 1).map((m) => m.text)).toEqual(['#slept — 1500 ms', '#slept — 10 ms']);
  });
});
