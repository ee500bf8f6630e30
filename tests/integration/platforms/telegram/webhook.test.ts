import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CORE_COMMANDS, createCommandRouter, type Clock } from '../../../../src/core/index.ts';
import { createTelegramBot, type TelegramBot } from '../../../../src/platforms/telegram/index.ts';
import { createSqliteStores, openDatabase } from '../../../../src/store/index.ts';
import { createWebServer, type WebServer } from '../../../../src/web/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../../fakes/telegram/server.ts';
import { makeChain } from '../../../support/posts.ts';
import { createRecordingLog } from '../../../support/telegram.ts';

const clock: Clock = { now: () => new Date('2026-11-23T12:00:00Z') };
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function call(fake: FakeTelegram, method: string, body: object) {
  const response = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { ok: boolean; error_code?: number; description?: string };
}

/** A real bot in webhook mode, mounted on the web reader's own server, against the fake Bot API. */
async function webhookWorld(secret = 'the-webhook-secret_1') {
  const fake = await startFakeTelegram();
  cleanups.push(() => fake.close());
  const db = openDatabase(':memory:');
  cleanups.push(() => db.close());
  const stores = createSqliteStores(db, clock);
  await stores.posts.ingest(makeChain('w', 2, 'a1', { text: 'cotton #xinjiang' }));
  const log = createRecordingLog();
  const mounts = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const web: WebServer = createWebServer({ threads: stores.threads, tags: stores.tags, clock, log, mounts });
  const { port } = await web.listen(0, '127.0.0.1');
  cleanups.push(() => web.close());
  const url = `http://127.0.0.1:${port}/telegram/updates`;
  const router = createCommandRouter({ threads: stores.threads, authors: stores.authors, keys: stores.keys, tags: stores.tags, clock, pageSize: 5 }, [
    ...CORE_COMMANDS,
  ]);
  const bot: TelegramBot = createTelegramBot({
    token: fake.token,
    apiRoot: fake.apiRoot,
    router,
    tags: stores.tags,
    log,
    clock,
    limits: false,
    webhook: { url, secret },
    mount: (endpoint) => void mounts.set(endpoint.path, endpoint.handle),
  });
  await bot.start();
  cleanups.push(() => bot.stop());
  return { fake, url, port, log };
}

describe('Telegram by webhook', () => {
  it('start → the webhook is set with its secret, not deleted; an update is POSTed with the secret header and answered', async () => {
    const { fake, url, port } = await webhookWorld();
    expect(fake.webhook.url).toBe(url);
    expect(fake.calls.map((c) => c.method)).not.toContain('deleteWebhook');
    expect(fake.calls.find((c) => c.method === 'setWebhook')?.payload).toMatchObject({
      url,
      secret_token: 'the-webhook-secret_1',
      allowed_updates: ['message', 'callback_query'],
    });
    fake.sendText({ chat: { id: 77, type: 'private' }, from: { id: 77, is_bot: false, first_name: 'Ola' }, text: '/threads xinjiang' });
    await fake.waitFor(() => fake.webhook.deliveries.length > 0, 15_000);
    expect(fake.messages[0]?.text).toContain('#xinjiang');
    expect(fake.webhook.deliveries.map((d) => d.status)).toEqual([200]);
    // The reader still serves its pages on the same server.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('a POST to the webhook without the secret, or with a wrong one → 401 and nothing is handled', async () => {
    const { fake, url } = await webhookWorld();
    const update = {
      update_id: 99,
      message: { message_id: 1, date: 0, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'X' }, text: '/help' },
    };
    const bare = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(update) });
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': 'guess' },
      body: JSON.stringify(update),
    });
    expect([bare.status, wrong.status]).toEqual([401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.messages).toHaveLength(0);
  });

  it('a webhook endpoint that fails → the fake retries the update until it is taken, like Telegram', async () => {
    const { fake } = await webhookWorld();
    const down = await call(fake, 'setWebhook', { url: 'http://127.0.0.1:9/nowhere', secret_token: 'x' });
    expect(down.ok).toBe(true);
    fake.sendText({ chat: { id: 8, type: 'private' }, from: { id: 8, is_bot: false, first_name: 'Y' }, text: '/help' });
    await fake.waitFor(() => fake.webhook.deliveries.filter((d) => d.status === 'error').length >= 2, 10_000);
    expect(fake.messages).toHaveLength(0);
  });
});

describe('the fake Bot API’s webhook rules', () => {
  it('getUpdates while a webhook is set → 409; a bad secret → 400; the cloud refuses plain HTTP and odd ports', async () => {
    const local = await startFakeTelegram();
    const cloud = await startFakeTelegram({ local: false });
    cleanups.push(
      () => local.close(),
      () => cloud.close(),
    );
    expect(await call(local, 'setWebhook', { url: 'http://127.0.0.1:1/x', secret_token: 'ok_secret' })).toMatchObject({ ok: true });
    expect(await call(local, 'getUpdates', { timeout: 0 })).toMatchObject({
      ok: false,
      error_code: 409,
      description: expect.stringContaining('webhook is active'),
    });
    expect(await call(local, 'setWebhook', { url: 'http://127.0.0.1:1/x', secret_token: 'not allowed!' })).toMatchObject({ ok: false, error_code: 400 });
    expect(await call(local, 'deleteWebhook', {})).toMatchObject({ ok: true });
    expect(await call(local, 'getUpdates', { timeout: 0 })).toMatchObject({ ok: true });
    expect(await call(cloud, 'setWebhook', { url: 'http://bot.example.org/x' })).toMatchObject({ ok: false, description: expect.stringContaining('HTTPS') });
    expect(await call(cloud, 'setWebhook', { url: 'https://bot.example.org:9000/x' })).toMatchObject({
      ok: false,
      description: expect.stringContaining('ports'),
    });
    expect(await call(cloud, 'setWebhook', { url: 'https://bot.example.org/x' })).toMatchObject({ ok: true });
  });
});
