import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.ts';
import { makeStatus, startFakeMastodon, type FakeMastodon } from '../../fakes/upstream/mastodon.ts';
import { makeXPost, startFakeX, type FakeX } from '../../fakes/upstream/x.ts';

// In-process through runCli (the same entry bin/spool.mjs calls): a child process costs seconds of
// tsx start-up on a loaded machine, and tests/cli already covers the binary itself.

const dir = mkdtempSync(join(tmpdir(), 'spool-poll-'));
const TOKEN = 'poll-test-bearer-token';
let mastodon: FakeMastodon;
let x: FakeX;

beforeAll(async () => {
  mastodon = await startFakeMastodon();
  x = await startFakeX({ token: TOKEN });
  const alice = { id: '1', username: 'steppe_notes' };
  const s1 = makeStatus(mastodon.url, alice, { id: '101', content: '<p>one #xinjiang</p>', tags: ['xinjiang'] });
  mastodon.statuses.push(s1, makeStatus(mastodon.url, alice, { id: '102', content: '<p>two</p>', replyTo: s1 }));
  const user = { id: '11', username: 'steppe_notes', name: 'Steppe Notes' };
  x.users.push(user);
  x.posts.push(makeXPost(user, { id: '1900000000000000001', text: 'hi #xinjiang' }));
});
afterAll(async () => {
  await Promise.all([mastodon.close(), x.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `spool …` in this process with its env and config; returns the exit status and what it wrote. */
async function spool(args: string[], config: unknown, env: Record<string, string> = {}) {
  const configPath = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(configPath, JSON.stringify(config));
  const saved = { ...process.env };
  Object.assign(process.env, { LOG_LEVEL: 'silent', X_BEARER_TOKEN: '', ...env });
  let stdout = '';
  let stderr = '';
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    const code = await runCli(['--db', join(dir, 'spool.db'), '--config', configPath, ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.env = saved;
  }
}

describe('spool poll', () => {
  it('poll --once with Mastodon and X configured → one line per source with posts and threads, exit 0; the threads are then served', async () => {
    const config = {
      sources: [
        { type: 'mastodon', instance: mastodon.url, hashtags: ['xinjiang'] },
        { type: 'x', hashtags: ['xinjiang'] },
      ],
    };
    const result = await spool(['poll', '--once'], config, { X_BEARER_TOKEN: TOKEN, X_API_URL: x.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`mastodon ${new URL(mastodon.url).host}: 2 posts, 1 new thread, 0 grown, 0 skipped, 2 requests, 0 errors`);
    expect(result.stdout).toContain('x: 1 post, 1 new thread, 0 grown, 0 skipped, 2 requests, 0 errors');
    const threads = await spool(['threads', 'xinjiang', '--json'], config);
    expect((JSON.parse(threads.stdout) as unknown[]).length).toBe(2);
  });

  it('poll --once when every source fails (token refused) → the error on stderr without the token, exit 1', async () => {
    const result = await spool(
      ['poll', '--once'],
      { sources: [{ type: 'x', hashtags: ['xinjiang'] }] },
      { X_BEARER_TOKEN: 'refused-secret-token', X_API_URL: x.url },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('x: #xinjiang: x 401');
    expect(result.stdout + result.stderr).not.toContain('refused-secret-token');
  });

  it('poll with no sources configured → one line naming what to add, exit 2', async () => {
    const result = await spool(['poll', '--once'], { sources: [] });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no sources configured/u);
  });
});
