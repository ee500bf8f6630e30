import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramBot, TelegramStartupError } from '../../../src/platforms/telegram/index.ts';
import { createCommandRouter, CORE_COMMANDS, systemClock } from '../../../src/core/index.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/server.ts';
import { createRecordingLog } from './helpers.ts';

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
  return createCommandRouter({ threads: stores.threads, tags: stores.tags, clock: systemClock }, CORE_COMMANDS);
};

describe('Telegram bot start-up', () => {
  it('a token Telegram refuses → TelegramStartupError naming the variable, without the token', async () => {
    const token = '999:definitely-wrong-token';
    const bot = createTelegramBot({ token, apiRoot: fake.apiRoot, router: routerOver(db), log: createRecordingLog() });
    const error = await bot.start().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramStartupError);
    expect(error).toMatchObject({ status: 401, method: 'getMe' });
    expect((error as Error).message).toContain('TELEGRAM_BOT_TOKEN');
    expect((error as Error).message).not.toContain(token);
  });

  it('an unreachable API root → TelegramStartupError naming TELEGRAM_API_ROOT', async () => {
    const closed = await startFakeTelegram();
    await closed.close();
    const bot = createTelegramBot({ token: fake.token, apiRoot: closed.apiRoot, router: routerOver(db), log: createRecordingLog(), retry: { backoffMs: 10 } });
    await expect(bot.start()).rejects.toThrow(/TELEGRAM_API_ROOT/u);
  });

  it('start then stop → polling ends and the last getUpdates confirms with an offset', async () => {
    const bot = createTelegramBot({ token: fake.token, apiRoot: fake.apiRoot, router: routerOver(db), log: createRecordingLog(), pollingTimeoutS: 5 });
    const first = fake.calls.length;
    await bot.start();
    expect(bot.username).toBe('SpoolBot');
    await bot.stop();
    const methods = fake.calls.slice(first).map((c) => c.method);
    expect(methods.slice(0, 3)).toEqual(['getMe', 'setMyCommands', 'deleteWebhook']);
    expect(methods.at(-1)).toBe('getUpdates');
  });
});
