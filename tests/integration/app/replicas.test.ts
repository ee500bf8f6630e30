import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatPlatform } from '../../../src/core/index.ts';
import { openPostgresStores } from '../../../src/store/postgres/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/server.ts';
import { renderRss, startFakeFeed, type FakeFeed } from '../../fakes/upstream/rss.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { fixedClock, makeChain } from '../../support/posts.ts';

/**
 * Three `spool start` replicas on one PostgreSQL, as docs/deployment.md runs them, against the fake
 * Telegram and Discord and a fake feed: 500 subscriptions fall due at once, the replica that polls the
 * feed is killed with SIGKILL in the middle of the fan-out.
 */
const bin = new URL('../../../bin/spool.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spool-replicas-'));
const children: ChildProcess[] = [];
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const close of closers.reverse()) await close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const CHATS = 250;

interface Replica {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
}

function startReplica(env: Record<string, string>): Replica {
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: dir,
    stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', ...env },
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs: number, replicas: readonly Replica[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${replicas.map((r) => r.output().slice(-3000)).join('\n---\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every subscription due a few minutes ago, created two days ago; one new thread for them all. */
async function seed(url: string, telegramChats: readonly string[], discordChannels: readonly string[]): Promise<void> {
  const now = Date.now();
  const clock = fixedClock(new Date(now - 2 * 86_400_000).toISOString());
  const stores = await openPostgresStores(url, clock);
  const due = new Date(now - 3 * 60_000);
  const time = `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`;
  const targets: { platform: ChatPlatform; chatId: string }[] = [
    ...telegramChats.map((chatId) => ({ platform: 'telegram' as const, chatId })),
    ...discordChannels.map((chatId) => ({ platform: 'discord' as const, chatId })),
  ];
  for (const target of targets) {
    const added = await stores.subscriptions.add({ target, tag: 'xinjiang', schedule: { kind: 'daily', time, zone: 'UTC' } }, { maxPerChat: 25 });
    if (!added.ok) throw new Error(added.failure.code);
  }
  clock.set(new Date(now - 60_000));
  await stores.posts.ingest(makeChain('r', 3, 'a1', { text: 'replicas #xinjiang', createdAt: new Date(now - 120_000).toISOString() }));
  await stores.close();
}

describe('three replicas on one PostgreSQL (child processes)', () => {
  it('500 digests due at once, the polling replica SIGKILLed mid fan-out → every chat served, ≤1 Telegram duplicate, none on Discord; polling resumes on a survivor within 30 s', async () => {
    const database: TestDatabase = await createTestDatabase('replicas');
    closers.push(() => database.drop());
    const telegram: FakeTelegram = await startFakeTelegram();
    closers.push(() => telegram.close());
    const discord: FakeDiscord = await startFakeDiscord({ limits: true, maxConcurrency: 16 });
    closers.push(() => discord.close());
    const feed: FakeFeed = await startFakeFeed();
    closers.push(() => feed.close());
    feed.setFeed(
      renderRss('#xinjiang', [
        {
          guid: 'https://m.example/@a/1',
          link: 'https://m.example/@a/1',
          description: '<p>From the feed #xinjiang</p>',
          pubDate: 'Mon, 23 Nov 2026 10:00:00 GMT',
        },
      ]),
      new Date('2026-11-23T10:00:00Z'),
    );

    const guild = discord.addGuild();
    const telegramChats = Array.from({ length: CHATS }, (_, i) => String(-1_000_000_000_000 - i));
    const discordChannels = Array.from({ length: CHATS }, () => discord.addChannel({ guild_id: guild }));
    await seed(database.url, telegramChats, discordChannels);
    const config = join(dir, 'spool.json');
    writeFileSync(config, JSON.stringify({ sources: [{ type: 'rss', url: `${feed.url}${feed.path}`, hashtags: ['xinjiang'], every: '10s' }] }));

    const replicas = [0, 1, 2].map((shard) =>
      startReplica({
        SPOOL_DATABASE_URL: database.url,
        SPOOL_CONFIG: config,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_SHARDS: String(shard),
        DISCORD_SHARD_COUNT: '3',
      }),
    );
    const admin = postgres(database.url, { max: 1, onnotice: () => undefined });
    closers.push(() => admin.end());
    const pollHolder = async () => (await admin<{ pid: number }[]>`SELECT pid FROM service_leases WHERE role LIKE 'poll rss %'`)[0]?.pid;
    const discordServed = () => discordChannels.filter((id) => discord.messages(id).length > 0).length;
    const telegramServed = () => new Set(telegram.messages.map((m) => String(m.chat_id))).size;

    await until(async () => (await pollHolder()) !== undefined, 'a replica leading the feed', 60_000, replicas);
    await until(() => discordServed() + telegramServed() >= 80, 'the fan-out under way', 90_000, replicas);
    const holderPid = await pollHolder();
    const victim = replicas.find((r) => r.child.pid === holderPid);
    expect(victim, 'the feed is polled by one of the replicas').toBeDefined();
    victim!.child.kill('SIGKILL');
    const killedAt = Date.now();
    const requestsAtKill = feed.requests.length;
    await victim!.exited;
    const servedAtKill = discordServed() + telegramServed();
    expect(servedAtKill).toBeLessThan(2 * CHATS);
    const survivors = replicas.filter((r) => r !== victim);

    // Polling resumes on a survivor, from the cursor the dead replica stored (the feed's ETag).
    await until(
      async () => {
        const pid = await pollHolder();
        return pid !== undefined && pid !== holderPid && feed.requests.slice(requestsAtKill).some((r) => r.headers['if-none-match'] !== undefined);
      },
      'a survivor polling the feed',
      30_000,
      survivors,
    );
    const resumedAfterMs = Date.now() - killedAt;
    expect(resumedAfterMs).toBeLessThan(30_000);

    // Every chat gets its digest: what the dead replica held is taken over (at once, its process being gone).
    await until(() => discordServed() === CHATS && telegramServed() === CHATS, 'every chat served', 150_000, survivors);
    const perChat = new Map<string, number>();
    for (const m of telegram.messages) perChat.set(String(m.chat_id), (perChat.get(String(m.chat_id)) ?? 0) + 1);
    const telegramDuplicates = [...perChat.values()].reduce((n, count) => n + count - 1, 0);
    const discordDuplicates = discordChannels.reduce((n, id) => n + discord.messages(id).length - 1, 0);
    expect(telegramDuplicates).toBeLessThanOrEqual(1);
    expect(discordDuplicates).toBe(0);
    // The ledger agrees: every row sent (the last confirmations may land a moment after the messages).
    const states = async () =>
      (await admin<{ state: string; n: number }[]>`SELECT state, COUNT(*)::int AS n FROM delivery_ledger GROUP BY state`).map((r) => `${r.state}:${r.n}`);
    await until(async () => (await states()).join() === `sent:${2 * CHATS}`, 'every ledger row sent', 30_000, survivors);
    console.log(
      `replicas: killed the polling replica after ${servedAtKill} of ${2 * CHATS} digests; polling resumed on a survivor after ${(resumedAfterMs / 1000).toFixed(1)} s; Telegram duplicates ${telegramDuplicates}, Discord duplicates ${discordDuplicates}`,
    );

    for (const survivor of survivors) survivor.child.kill('SIGTERM');
    expect(await Promise.all(survivors.map((s) => s.exited))).toEqual([0, 0]);
  }, 300_000);
});
