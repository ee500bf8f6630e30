import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = new URL('../../../bin/spool.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spool-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `spool …` as a child process with its own database; never throws, returns the exit status. */
async function spool(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, SPOOL_CONFIG: '', LOG_LEVEL: 'warn', ...env },
      cwd: dir,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function page(tag: string, blocks: number): string {
  const body = Array.from({ length: blocks }, (_, i) => `Thread number ${i + 1} about #${tag}, written in plain English for the test.\nRead ${i + 2} tweets`);
  return `Discover and read the best of Twitter Threads about #${tag}\n\nMost recents (${blocks})\n\n${body.join('\n')}\n\nRelated hashtags\n`;
}

// Each test starts Node and tsx once or more: slow on a loaded machine, hence the generous timeout.
describe('spool CLI (child process)', { timeout: 120_000 }, () => {
  const db = join(dir, 'cli.db');

  it('import a 24-thread page → JSON summary; threads --json → all 24 with their declared post counts', async () => {
    const file = join(dir, 'page.txt');
    writeFileSync(file, page('Steppe', 24));
    const imported = await spool(['import', file, '--json', '--db', db]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ posts: 24, threads: 24, skipped: 0, errors: [] });
    const listed = await spool(['threads', '#STEPPE', '--json', '--limit', '50', '--db', db]);
    const threads = JSON.parse(listed.stdout) as { postCount: number; hashtags: string[] }[];
    expect(threads).toHaveLength(24);
    expect(threads.map((t) => t.postCount).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 2));
  });

  it('the same import again → changes nothing', async () => {
    const again = await spool(['import', join(dir, 'page.txt'), '--json', '--db', db]);
    expect(JSON.parse(again.stdout)).toMatchObject({ posts: 24, threads: 0, unchanged: 24 });
  });

  it('a non-Latin hashtag and --lang → found; a JSONL file with a bad line → the rest stored, the line reported', async () => {
    const file = join(dir, 'posts.jsonl');
    const post = (id: string, text: string, lang: string) =>
      JSON.stringify({ id, source: 'jsonl', author: { id: id, handle: id.replace(':', '_') }, text, createdAt: '2026-11-20T10:00:00Z', lang });
    writeFileSync(file, [post('x:1', '滑雪 #可可托海', 'zh'), 'not json', post('x:2', 'ski #可可托海', 'en')].join('\n'));
    const imported = await spool(['import', file, '--json', '--db', db]);
    expect(JSON.parse(imported.stdout)).toMatchObject({ posts: 2, skipped: 1, errors: [{ line: 2, reason: 'not valid JSON' }] });
    const zh = await spool(['threads', '可可托海', '--lang', 'zh', '--json', '--db', db]);
    expect((JSON.parse(zh.stdout) as { id: string }[]).map((t) => t.id)).toEqual(['x:1']);
  });

  it('related and search --json → the contract shapes', async () => {
    const related = await spool(['related', 'steppe', '--json', '--db', db]);
    expect(JSON.parse(related.stdout)).toEqual([]);
    const search = await spool(['search', 'number', '7', '--json', '--db', db]);
    expect((JSON.parse(search.stdout) as { hashtags: string[] }[])[0]?.hashtags).toEqual(['steppe']);
  });

  it('bad usage → exit 2 and one line naming what was wrong, no stack trace', async () => {
    const cases = [
      ['threads', 'bad!tag', '--db', db],
      ['threads', 'steppe', '--sort', 'loud', '--db', db],
      ['threads', 'steppe', '--limit', '0', '--db', db],
      ['import', join(dir, 'missing.txt'), '--db', db],
      ['import', join(dir, 'page.txt'), '--format', 'word', '--db', db],
      ['frobnicate'],
      ['thread', 'steppe', '--db', db],
    ];
    const results = await Promise.all(cases.map((args) => spool(args)));
    results.forEach((result, i) => {
      const args = cases[i]?.join(' ');
      expect(result.code, args).toBe(2);
      expect(result.stderr.trim().split('\n'), args).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/u);
    });
  });

  it('a saved Mastodon answer whose replies need the instance: without --instance or with a bad one → exit 2, one sentence, nothing stored; with it → imported', async () => {
    const file = join(dir, 'mastodon-remote.json');
    const reply = {
      id: '3002',
      uri: 'https://rstats.me/users/carol/statuses/2',
      url: 'https://rstats.me/@carol/2',
      created_at: '2026-11-20T10:00:00.000Z',
      account: { id: '88', username: 'carol', acct: 'carol@rstats.me', display_name: 'Carol', url: 'https://rstats.me/@carol', bot: false },
      content: '<p>Remote reply #rstats</p>',
      spoiler_text: '',
      visibility: 'public',
      in_reply_to_id: '3001',
      in_reply_to_account_id: '88',
      reblog: null,
      tags: [{ name: 'rstats', url: 'https://fosstodon.org/tags/rstats' }],
      language: 'en',
      replies_count: 0,
      reblogs_count: 0,
      favourites_count: 0,
      media_attachments: [],
    };
    writeFileSync(file, JSON.stringify([reply]));
    const missing = await spool(['import', file, '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('pass --instance URL');
    const bad = await spool(['import', file, '--instance', 'fosstodon', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('spool: --instance "fosstodon" is not an instance address: give it like https://mastodon.social');
    expect(JSON.parse((await spool(['threads', 'rstats', '--json', '--db', db])).stdout)).toEqual([]);
    const given = await spool(['import', file, '--instance', 'https://fosstodon.org', '--json', '--db', db]);
    expect(JSON.parse(given.stdout)).toMatchObject({ posts: 1, threads: 1, errors: [] });
  });

  it('an invalid config file → exit 2 naming the file and the field', async () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ sources: [{ type: 'mastodon', instance: 'not a url' }] }));
    const result = await spool(['threads', 'steppe', '--config', config, '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${config}: sources.0.instance`);
  });

  it('chat with piped stdin → answers /threads xinjiang from the sample (in memory) and exits; the database stays empty', async () => {
    const fresh = join(dir, 'fresh.db');
    const child = spawn(process.execPath, [bin, 'chat', '--db', fresh], {
      env: { ...process.env, SPOOL_CONFIG: '', LOG_LEVEL: '', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '' },
      cwd: dir,
    });
    child.stdin.end('/threads xinjiang\n/more\n/threads nowhere\n');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Threads about #xinjiang');
    expect(stdout).toContain('🧵');
    expect(stdout).toContain('No threads about #nowhere yet.');
    // /more → the second page of the sample's ten #xinjiang threads, none repeated
    const authors = [...stdout.matchAll(/^\d+\. (.+?) ·/gmu)].map((m) => m[1]);
    expect(authors).toHaveLength(10);
    expect(new Set(authors).size).toBe(10);
    // The demo never wrote the sample into the real database.
    const after = await spool(['threads', 'xinjiang', '--json', '--db', fresh]);
    expect(JSON.parse(after.stdout)).toEqual([]);
  });

  it('spool with no command and no token, piped → the console chat (what npm start runs)', async () => {
    const child = spawn(process.execPath, [bin, '--db', join(dir, 'bare.db')], {
      env: { ...process.env, SPOOL_CONFIG: '', LOG_LEVEL: '', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '' },
      cwd: dir,
    });
    child.stdin.end('/threads xinjiang\n');
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    expect(await new Promise<number | null>((resolve) => child.on('close', resolve))).toBe(0);
    expect(stdout).toContain('Threads about #xinjiang');
  });

  it('a mistyped command → "did you mean", exit 2', async () => {
    const result = await spool(['thread', 'xinjiang', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe("spool: unknown command 'thread'. Did you mean threads?");
  });

  it('a file in which every record is refused (wrong --format) → exit 2 with one line, nothing stored', async () => {
    const file = join(dir, 'not-x.json');
    writeFileSync(file, JSON.stringify({ data: [{ id: '1' }, { id: '2' }] }));
    const result = await spool(['import', file, '--format', 'jsonl', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/could be read as jsonl .*: is --format right\?$/mu);
  });

  it('queries that find nothing → exit 0, nothing on stdout ([] with --json), one line on stderr', async () => {
    for (const args of [
      ['threads', 'xinjang'],
      ['search', 'zzzunfindable'],
      ['digest', 'xinjang'],
      ['threads', 'steppe', '--lang', 'ja'],
    ]) {
      const text = await spool([...args, '--db', db]);
      expect(text.code, args.join(' ')).toBe(0);
      expect(text.stdout, args.join(' ')).toBe('');
      expect(text.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    const json = await spool(['threads', 'xinjang', '--json', '--db', db]);
    expect(JSON.parse(json.stdout)).toEqual([]);
    const unknown = await spool(['digest', 'steppee', '--db', db]);
    expect(unknown.stderr.trim()).toBe('No threads about #steppee yet. Closest known: #steppe.');
  });
});

describe('spool CLI: the database path', { timeout: 60_000 }, () => {
  it('a --db that is not a database, or cannot be created → exit 2 and one line naming the path', async () => {
    const notDb = join(dir, 'not-a-db.txt');
    writeFileSync(notDb, 'plain text, not SQLite');
    for (const path of [notDb, '/proc/spool-cannot-be-here/x.db']) {
      const result = await spool(['threads', 'steppe', '--db', path]);
      expect(result.code, path).toBe(2);
      expect(result.stderr.trim(), path).toMatch(new RegExp(`^spool: cannot open the database ${path.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')}: `, 'u'));
    }
  });

  it('a --db in folders that do not exist yet → created', async () => {
    const result = await spool(['threads', 'steppe', '--db', join(dir, 'new', 'nested', 'spool.db')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('No threads about #steppe yet.');
  });
});
