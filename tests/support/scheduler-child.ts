import { spawn, type ChildProcess } from 'node:child_process';
import type { ChatPlatform } from '../../src/core/index.ts';
import { systemClock } from '../../src/core/index.ts';
import { createSqliteStores, openDatabase } from '../../src/store/index.ts';
import type { FakeDiscord } from '../fakes/discord/index.ts';
import type { FakeTelegram } from '../fakes/telegram/server.ts';
import { makeChain } from './posts.ts';

const bin = new URL('../../bin/spool.mjs', import.meta.url).pathname;

/** `spool send-digests …` as a child process against the fakes; stdout and stderr are collected. */
export function sendDigests(db: string, fakes: { telegram?: FakeTelegram; discord?: FakeDiscord }, ...args: string[]) {
  const child: ChildProcess = spawn(process.execPath, [bin, 'send-digests', ...args, '--db', db], {
    env: {
      ...process.env,
      SPOOL_CONFIG: '',
      LOG_LEVEL: 'warn',
      TELEGRAM_BOT_TOKEN: fakes.telegram?.token ?? '',
      TELEGRAM_API_ROOT: fakes.telegram?.apiRoot ?? 'http://127.0.0.1:9',
      DISCORD_TOKEN: fakes.discord?.token ?? '',
      DISCORD_API_URL: fakes.discord?.apiUrl ?? 'http://127.0.0.1:9/api',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  return { child, output };
}

/** A database at `path` with one daily subscription per chat and one new thread for them all. */
export async function seedDatabase(path: string, chats: readonly { platform: ChatPlatform; chatId: string }[]): Promise<void> {
  const db = openDatabase(path);
  const stores = createSqliteStores(db, systemClock);
  // Twelve hours from now: no period of the schedule can fire while the test runs (runs use the real clock).
  const time = `${String((new Date().getUTCHours() + 12) % 24).padStart(2, '0')}:00`;
  for (const target of chats) {
    await stores.subscriptions.add({ target, tag: 'xinjiang', schedule: { kind: 'daily', time, zone: 'UTC' } }, { maxPerChat: 25 });
  }
  // Awaited before closing: the ports are asynchronous and the write path loads on first use.
  await stores.posts.ingest(makeChain('k', 3, 'a1', { text: 'fan-out #xinjiang', createdAt: new Date().toISOString() }));
  db.close();
}

export async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
