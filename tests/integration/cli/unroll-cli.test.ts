import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStatus, startFakeMastodon, type FakeMastodon } from '../../fakes/upstream/mastodon.ts';
import { makeXPost, startFakeX, type FakeX } from '../../fakes/upstream/x.ts';

const run = promisify(execFile);
const bin = new URL('../../../bin/spool.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spool-unroll-'));
const db = join(dir, 'unroll.db');
const TOKEN = 'cli-bearer-secret';

let x: FakeX;
let mastodon: FakeMastodon;
let env: Record<string, string>;
const alice = { id: '11', username: 'steppe_notes', name: 'Steppe Notes' };

beforeAll(async () => {
  x = await startFakeX({ token: TOKEN });
  mastodon = await startFakeMastodon();
  x.users.push(alice);
  const t1 = makeXPost(alice, { id: '1900000000000000001', text: 'Cotton notes 1/3 #xinjiang' });
  const t2 = makeXPost(alice, { id: '1900000000000000002', text: '2/3 the harvest, no tag', replyTo: t1 });
  const t3 = makeXPost(alice, { id: '1900000000000000003', text: '3/3 #xinjiang', replyTo: t2 });
  x.posts.push(t1, t2, t3);
  const account = { id: '5', username: 'alice', name: 'Alice' };
  const chain = [makeStatus(mastodon.url, account, { id: '113000000000000100', content: '<p>Long 1 #longread</p>', tags: ['longread'] })];
  for (let i = 1; i < 15; i++)
    chain.push(makeStatus(mastodon.url, account, { id: String(113000000000000100n + BigInt(i)), content: `<p>long ${i + 1}</p>`, replyTo: chain[i - 1] }));
  mastodon.statuses.push(...chain);
  env = {
    ...process.env,
    SPOOL_CONFIG: '',
    LOG_LEVEL: '',
    TELEGRAM_BOT_TOKEN: '',
    DISCORD_TOKEN: '',
    X_API_URL: x.url,
    X_BEARER_TOKEN: TOKEN,
    SPOOL_UNROLL_PRIVATE_HOSTS: 'true',
  } as Record<string, string>;
});
afterAll(async () => {
  await Promise.all([x.close(), mastodon.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function spool(args: string[], extra: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args, '--db', db], { env: { ...env, ...extra }, cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('spool unroll (child process, against fake X and Mastodon)', { timeout: 120_000 }, () => {
  it('an X link → the whole thread printed; again with --json after a new post → the thread with it, and what changed', async () => {
    const printed = await spool(['unroll', 'https://x.com/steppe_notes/status/1900000000000000002']);
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(printed.stdout.split('\n').slice(0, 6)).toEqual([
      '🧵 Steppe Notes (@steppe_notes) · 3 posts',
      'Unrolled 3 posts and stored the thread.',
      '',
      '1/3 Cotton notes 1/3 #xinjiang',
      '2/3 2/3 the harvest, no tag',
      '3/3 3/3 #xinjiang',
    ]);
    x.posts.push(makeXPost(alice, { id: '1900000000000000004', text: '4/3 late', replyTo: x.posts[2] as never }));
    const json = JSON.parse((await spool(['unroll', 'https://x.com/steppe_notes/status/1900000000000000001', '--json'])).stdout) as {
      postCount: number;
      update: unknown;
    };
    expect(json).toMatchObject({ id: 'x:1900000000000000001', postCount: 4, update: { status: 'grown', added: 1 } });
  });

  it('the stored thread is then found by author and by search limited to the author', async () => {
    expect((await spool(['threads', '@x.com/steppe_notes'])).stdout).toMatch(/^Threads by Steppe Notes \(@x\.com\/steppe_notes\) — most recent \(1\)/u);
    const found = await spool(['search', 'harvest', '--author', 'x.com/steppe_notes', '--json']);
    expect((JSON.parse(found.stdout) as { id: string }[]).map((t) => t.id)).toEqual(['x:1900000000000000001']);
  });

  it('a deleted post → exit 2 and one line; X not answering → exit 1 and one line', async () => {
    const deleted = await spool(['unroll', 'https://x.com/steppe_notes/status/1999999999999999999']);
    expect(deleted).toMatchObject({ code: 2, stdout: '' });
    expect(deleted.stderr).toBe('spool: X shows no such post: it was deleted or is not public, or the link is mistyped.\n');
    const down = await spool(['unroll', 'https://x.com/steppe_notes/status/1900000000000000001'], { X_API_URL: 'http://127.0.0.1:9' });
    expect(down.code).toBe(1);
    expect(down.stderr).toBe('spool: X did not answer as expected; it has been logged, please try again in a few minutes.\n');
  });

  it('the console chat: /unroll a 15-post Mastodon thread, then /more → page 2', async () => {
    const child = spawn(process.execPath, [bin, 'chat', '--db', db], { env, cwd: dir });
    child.stdin.end(`/unroll ${mastodon.url}/@alice/113000000000000105\n/more\n/more\n`);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    expect(await new Promise<number | null>((resolve) => child.on('close', resolve))).toBe(0);
    expect(stdout).toContain('1/15 Long 1 #longread');
    expect(stdout).toContain('Page 1 of 2 · /more for the next page');
    expect(stdout).toContain('11/15 long 11');
    expect(stdout).toContain('That was the last page.');
  });
});
