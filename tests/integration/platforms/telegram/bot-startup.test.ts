import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramBot, TelegramStartupError } from '../../../../src/platforms/telegram/index.ts';
import { createCommandRouter, CORE_COMMANDS, systemClock } from '../../../../src/core/index.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../../src/store/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../../fakes/telegram/server.ts';
import { createRecordingLog } from '../../../support/telegram.ts';

let fake: FakeTelegram;
let db: Db;
beforeAll(async () => {
  fake = await startFakeTelegram();
  db = openDatabase(':memory:');
});
afterAll(async () => {
  await fake.close();
  db.close();
});

const routerOver = (database: Db) => {
  const stores = createSqliteStores(database, systemClock);
  return createCommandRouter({ threads: stores.threads, tags: stores.tags, authors: stores.authors, keys: stores.keys, clock: systemClock }, CORE_COMMANDS);
};

describe('Telegram bot start-up', () => {
  it('a token Telegram refuses → TelegramStartupError naming the variable, without the token', async () => {
    const token = '999:definitely-wrong-token';
    const bot = createTelegramBot({ token, apiRoot: fake.apiRoot, router: routerOver(db), tags: { tagsByPrefix: async () => [] }, log: createRecordingLog() });
    const error = await bot.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TelegramStartupError);
    expect(error).toMatchObject({ status: 401, method: 'getMe' });
    expect((error as Error).message).toContain('TELEGRAM_BOT_TOKEN');
    expect((error as Error).message).not.toContain(token);
  });

  it('an unreachable API root → TelegramStartupError naming TELEGRAM_API_ROOT', async () => {
    const closed = await startFakeTelegram();
    await closed.close();
    const bot = createTelegramBot({
      token: fake.token,
      apiRoot: closed.apiRoot,
      router: routerOver(db),
      tags: { tagsByPrefix: async () => [] },
      log: createRecordingLog(),
      retry: { backoffMs: 10 },
    });
    await expect(bot.start()).rejects.toThrow(/TELEGRAM_API_ROOT/u);
  });

  it('start, one update answered, then stop → polling ends and a last getUpdates confirms that update, so a restart does not answer it again', async () => {
    const bot = createTelegramBot({
      token: fake.token,
      apiRoot: fake.apiRoot,
      router: routerOver(db),
      tags: { tagsByPrefix: async () => [] },
      log: createRecordingLog(),
      pollingTimeoutS: 5,
    });
    const first = fake.calls.length;
    await bot.start();
    expect(bot.username).toBe('SpoolBot');
    fake.sendText({ chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'A' }, text: '/help' });
    await fake.waitFor(() => fake.messages.some((m) => m.chat_id === 5), 10_000);
    const offsetBefore = Math.max(0, ...fake.calls.filter((c) => c.method === 'getUpdates').map((c) => Number(c.payload['offset'] ?? 0)));
    await bot.stop();
    const calls = fake.calls.slice(first);
    // The command menu once for everyone (English) and once per other language (its `language_code`).
    expect(calls.slice(0, 6).map((c) => c.method)).toEqual(['getMe', 'setMyCommands', 'setMyCommands', 'setMyCommands', 'setMyCommands', 'deleteWebhook']);
    expect(calls.slice(1, 5).map((c) => c.payload['language_code'])).toEqual([undefined, 'fr', 'it', 'de']);
    const last = calls.at(-1);
    expect(last?.method).toBe('getUpdates');
    expect(last?.payload).toMatchObject({ timeout: 0 });
    // The answered update's id + 1: higher than any offset the runner had confirmed before it.
    expect(Number(last?.payload['offset'])).toBeGreaterThan(offsetBefore);
  });
});
