import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/core/index.ts';
import { openPostgresStores } from '../../../../src/store/postgres/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../../fakes/telegram/server.ts';
import { createTestDatabase, type TestDatabase } from '../../../support/postgres.ts';
import { makeChain } from '../../../support/posts.ts';

const bin = new URL('../../../../bin/spool.mjs', import.meta.url).pathname;
const children: ChildProcess[] = [];
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const close of closers.reverse()) await close().catch(() => undefined);
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [bin, 'start'], {
    stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'],
    env: { ...process.env, SPOOL_CONFIG: '', LOG_LEVEL: 'info', DISCORD_TOKEN: '', ...env },
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(predicate: () => boolean, what: string, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Telegram by webhook with two replicas (child processes)', () => {
  it('both replicas mount the webhook on their reader’s port; updates reach either one and are answered; nobody long-polls', async () => {
    const database: TestDatabase = await createTestDatabase('webhook');
    closers.push(() => database.drop());
    const telegram: FakeTelegram = await startFakeTelegram();
    closers.push(() => telegram.close());
    const stores = await openPostgresStores(database.url, systemClock);
    await stores.posts.ingest(makeChain('h', 2, 'a1', { text: 'webhook #xinjiang' }));
    await stores.close();

    const [portA, portB] = [await freePort(), await freePort()];
    const secret = 'shared_secret-1';
    const common = {
      SPOOL_DATABASE_URL: database.url,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      // What a load balancer would forward: here it points at replica A.
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${portA}/telegram/updates`,
      TELEGRAM_WEBHOOK_SECRET: secret,
    };
    const a = start({ ...common, PORT: String(portA) });
    const b = start({ ...common, PORT: String(portB) });
    const both = () => `${a.output()}\n---\n${b.output()}`;
    await until(() => a.output().includes('spool is running') && b.output().includes('spool is running'), 'two replicas', both);
    expect(telegram.webhook.url).toBe(common.TELEGRAM_WEBHOOK_URL);

    telegram.sendText({ chat: { id: 41, type: 'private' }, from: { id: 41, is_bot: false, first_name: 'Ada' }, text: '/threads xinjiang' });
    await telegram.waitFor(() => telegram.messages.some((m) => m.chat_id === 41), 30_000);
    expect(telegram.messages.find((m) => m.chat_id === 41)?.text).toContain('#xinjiang');

    // The balancer sends the next update to replica B: it answers too.
    const update = {
      update_id: 9_001,
      message: {
        message_id: 5,
        date: 0,
        chat: { id: 42, type: 'private' },
        from: { id: 42, is_bot: false, first_name: 'Bo' },
        text: '/threads xinjiang',
        entities: [{ type: 'bot_command', offset: 0, length: 8 }],
      },
    };
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${portB}/telegram/updates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(update),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'X-Telegram-Bot-Api-Secret-Token': secret })).status).toBe(200);
    await telegram.waitFor(() => telegram.messages.some((m) => m.chat_id === 42), 30_000);
    expect(telegram.calls.filter((c) => c.method === 'getUpdates')).toEqual([]);
    expect(both()).not.toContain(secret);

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
    // Stopping does not remove the webhook: the other replicas go on receiving.
    expect(telegram.webhook.url).toBe(common.TELEGRAM_WEBHOOK_URL);
  }, 120_000);
});
