import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/server.ts';

/**
 * `spool start` as a daemon runs it: stdin at /dev/null, no terminal, a supervisor watching the exit
 * status. Each test runs the compiled binary as a child process.
 */
const bin = new URL('../../../bin/spool.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spool-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: dir,
    stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'],
    env: { ...process.env, SPOOL_CONFIG: '', LOG_LEVEL: 'info', PORT: '0', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '', ...env },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(predicate: () => boolean, what: string, running: Running, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (running.child.exitCode !== null) throw new Error(`spool exited (${running.child.exitCode}) before ${what}:\n${running.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const readerPort = (running: Running): string | undefined => /web reader on http:\/\/127\.0\.0\.1:(\d+)\//u.exec(running.output())?.[1];

describe('spool start as a service (child process, stdin at /dev/null)', { timeout: 120_000 }, () => {
  it('no token → the reader answers /healthz until SIGTERM, then exit 0; a second start on the database → exit 2, one sentence', async () => {
    const db = join(dir, 'reader-only.db');
    const service = start(['start', '--db', db]);
    await until(() => readerPort(service) !== undefined && service.output().includes('spool is running'), 'the reader', service);
    // Still serving a few seconds later: stdin at EOF does not end a service.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const health = await fetch(`http://127.0.0.1:${readerPort(service)}/healthz`);
    expect(health.status).toBe(200);

    const second = start(['start', '--db', db]);
    expect(await second.exited).toBe(2);
    const lines = second.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^spool: another Spool service already runs on .*reader-only\\.db \\(pid ${service.child.pid} on .+, since \\d{4}-\\d\\d-\\d\\dT`, 'u'),
    );

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    // The lease was released: the next start runs at once.
    const third = start(['start', '--db', db]);
    await until(() => third.output().includes('spool is running'), 'the third start', third);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  });

  it('a service killed with SIGKILL → the next start takes the database over and says so', async () => {
    const db = join(dir, 'crashed.db');
    const crashed = start(['start', '--db', db]);
    await until(() => crashed.output().includes('spool is running'), 'the first start', crashed);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    const next = start(['start', '--db', db]);
    await until(() => next.output().includes('spool is running'), 'the takeover', next);
    expect(next.output()).toContain('took over the database from a service that stopped');
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  it('PORT already in use → exit 2 with one sentence naming the port, no stack trace', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const service = start(['start', '--db', join(dir, 'busy-port.db')], { PORT: String(port), LOG_LEVEL: 'silent' });
    expect(await service.exited).toBe(2);
    expect(service.output().trim()).toBe(`spool: the web reader cannot listen on 127.0.0.1:${port}: the port is in use (set PORT)`);
    blocker.close();
  });
});

describe('spool start with a Telegram token', { timeout: 120_000 }, () => {
  let telegram: FakeTelegram;
  beforeAll(async () => {
    telegram = await startFakeTelegram();
  });
  afterAll(async () => telegram?.close());

  it('another process polls the same token (409 Conflict) → spool ends within seconds, non-zero, with one sentence', async () => {
    const service = start(['start', '--db', join(dir, 'conflict.db')], { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot });
    await until(() => service.output().includes('spool is running'), 'the bot', service);
    await until(() => telegram.heldPolls() > 0, 'a held getUpdates', service);
    // A second bot process starts polling with the same token: Telegram ends the first one's request with 409.
    const rival = fetch(`${telegram.apiRoot}/bot${telegram.token}/getUpdates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timeout: 0 }),
    });
    const stoppedAt = Date.now();
    const code = await service.exited;
    await rival;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    expect(service.output()).toContain('spool: Telegram answered 409 Conflict: another process is receiving updates for this bot token');
    expect(service.output()).not.toContain(telegram.token);
  });

  it('a database used by the console demo and then by the service with a token → never holds the sample threads', async () => {
    const db = join(dir, 'live.db');
    const demo = spawn(process.execPath, [bin, 'chat', '--db', db], { cwd: dir, env: { ...process.env, SPOOL_CONFIG: '', LOG_LEVEL: '' } });
    demo.stdin.end('/threads xinjiang\n');
    let answer = '';
    demo.stdout.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    await new Promise((resolve) => demo.on('close', resolve));
    expect(answer).toContain('Threads about #xinjiang');

    const service = start(['start', '--db', db], { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot });
    await until(() => service.output().includes('spool is running'), 'the bot', service);
    const before = telegram.messages.length;
    telegram.sendText({ chat: { id: 77, type: 'private' }, from: { id: 77, is_bot: false, first_name: 'Ola' }, text: '/threads xinjiang' });
    await telegram.waitFor(() => telegram.messages.length > before, 20_000);
    expect(telegram.messages[before]?.text).toContain('No threads about #xinjiang yet.');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);

    const sqlite = new Database(db, { readonly: true });
    const posts = sqlite.prepare('SELECT COUNT(*) AS n FROM posts').get() as { n: number };
    sqlite.close();
    expect(posts.n).toBe(0);
  });
});
