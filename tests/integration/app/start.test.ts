import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/server.ts';
import { SAMPLE_FILE } from '../../../src/app/sample/index.ts';
import { runCli } from '../../../src/cli/program.ts';

/**
 * `spool start` as an operator runs it: one process, both tokens set, pointed at the fake Telegram and
 * Discord on 127.0.0.1, on a database that threads were imported into. Both bots answer /threads, the web
 * reader serves, and SIGTERM ends everything cleanly with exit status 0.
 */
const bin = new URL('../../../bin/spool.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spool-start-'));
let telegram: FakeTelegram;
let discord: FakeDiscord;
let child: ChildProcessWithoutNullStreams;
let stderr = '';

beforeAll(async () => {
  telegram = await startFakeTelegram();
  discord = await startFakeDiscord();
  expect(await runCli(['import', SAMPLE_FILE, '--format', 'jsonl', '--db', join(dir, 'spool.db')])).toBe(0);
  child = spawn(process.execPath, [bin, 'start', '--db', join(dir, 'spool.db')], {
    cwd: dir,
    env: {
      ...process.env,
      SPOOL_CONFIG: '',
      LOG_LEVEL: 'info',
      PORT: '0',
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
    },
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Started when the scheduler is up: it is the last part to start.
  await waitFor(() => /"spool is running"/u.test(stderr) && discord.commands('global').length > 0, 60_000);
}, 90_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await telegram?.close();
  await discord?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (child.exitCode !== null) throw new Error(`spool exited early (${child.exitCode}):\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`timed out; spool said:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('spool start with both tokens (child process against the fakes)', () => {
  it('a Telegram user sends /threads xinjiang → the imported threads in HTML', async () => {
    const before = telegram.messages.length;
    telegram.sendText({ chat: { id: 42, type: 'private' }, from: { id: 42, is_bot: false, first_name: 'Ola' }, text: '/threads xinjiang' });
    await telegram.waitFor(() => telegram.messages.length > before, 20_000);
    expect(telegram.messages[before]?.text).toContain('xinjiang');
    expect(telegram.commands.map((c) => c.command)).toContain('subscribe');
  });

  it('a Discord member runs /threads hashtag:xinjiang → embeds', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guild_id: guild });
    const answer = await discord.slash('threads', { hashtag: 'xinjiang' }, { guildId: guild, channelId: channel }).answered();
    expect(JSON.stringify(answer)).toContain('🧵');
  });

  it('the web reader serves on 127.0.0.1 → /healthz ok', async () => {
    const port = /web reader on http:\/\/127\.0\.0\.1:(\d+)\//u.exec(stderr)?.[1];
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });

  it('SIGTERM → everything stops and spool exits 0, logging no token', async () => {
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).toContain('shutting down');
    expect(stderr).not.toContain(telegram.token);
    expect(stderr).not.toContain(discord.token);
  });
});
