import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/index.ts';
import { createSqliteStores, openDatabase } from '../../src/store/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.ts';
import { startFakeTelegram, TELEGRAM_RATE_LIMITS, type FakeTelegram } from '../fakes/telegram/server.ts';
import { makeChain } from '../support/posts.ts';

const bin = new URL('../../bin/spool.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spool-kill-'));
const children: ChildProcess[] = [];
let telegram: FakeTelegram | undefined;
let discord: FakeDiscord | undefined;
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all([telegram?.close(), discord?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const CHATS = 60;

function sendDigests(db: string, tg: FakeTelegram, dc: FakeDiscord): ChildProcess {
  const child = spawn(process.execPath, [bin, 'send-digests', '--all', '--db', db], {
    env: {
      ...process.env,
      SPOOL_CONFIG: '',
      LOG_LEVEL: 'warn',
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      DISCORD_TOKEN: dc.token,
      DISCORD_API_URL: dc.apiUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('spool send-digests killed mid fan-out (child process)', () => {
  it('SIGKILL during --all, then a restart → every Discord channel has its digest exactly once, Telegram at most one duplicate in all', async () => {
    telegram = await startFakeTelegram();
    discord = await startFakeDiscord({ limits: true });
    telegram.setRateLimits(TELEGRAM_RATE_LIMITS);
    const guild = discord.addGuild();
    const db = join(dir, 'kill.db');
    const setup = openDatabase(db);
    const stores = createSqliteStores(setup, systemClock);
    const telegramChats = Array.from({ length: CHATS }, (_, i) => String(-1_000_000_000_000 - i));
    const discordChannels = Array.from({ length: CHATS }, () => discord?.addChannel({ guild_id: guild }) ?? '');
    for (const [platform, ids] of [['telegram', telegramChats], ['discord', discordChannels]] as const) {
      for (const chatId of ids) {
        stores.subscriptions.add({ target: { platform, chatId }, tag: 'xinjiang', schedule: { kind: 'daily', time: '09:00', zone: 'UTC' } }, { maxPerChat: 25 });
      }
    }
    stores.posts.ingest(makeChain('k', 3, 'a1', { text: 'kill test #xinjiang', createdAt: new Date().toISOString() }));
    setup.close();

    const first = sendDigests(db, telegram, discord);
    const exited = once(first, 'exit');
    await until(() => (telegram?.messages.length ?? 0) >= CHATS / 3 && (discord?.captured.filter((r) => r.method === 'POST').length ?? 0) >= CHATS / 3, 90_000);
    first.kill('SIGKILL');
    await exited;
    const beforeRestart = { telegram: telegram.messages.length, discord: discordChannels.filter((id) => (discord?.messages(id).length ?? 0) > 0).length };
    expect(beforeRestart.telegram).toBeLessThan(CHATS);

    const second = sendDigests(db, telegram, discord);
    let stderr = '';
    second.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(second, 'exit')) as [number];
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

    for (const id of discordChannels) expect(discord.messages(id), `discord ${id}`).toHaveLength(1);
    const perChat = new Map<string, number>();
    for (const m of telegram.messages) perChat.set(String(m.chat_id), (perChat.get(String(m.chat_id)) ?? 0) + 1);
    for (const id of telegramChats) expect(perChat.get(id) ?? 0, `telegram ${id}`).toBeGreaterThanOrEqual(1);
    const duplicates = telegramChats.reduce((n, id) => n + (perChat.get(id) ?? 0) - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(1);
    console.log(`killed after ${beforeRestart.telegram} Telegram and ${beforeRestart.discord} Discord digests; after the restart: Telegram duplicates ${duplicates}, Discord duplicates 0`);
  }, 120_000);
});
