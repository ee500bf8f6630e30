import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWebhooks, type FakeWebhooks } from '../../fakes/webhook/server.ts';

/**
 * The third platform, added as a folder and one registry line: an operator subscribes an incoming
 * webhook from the CLI and `spool send-digests` delivers to it, with no token and no bot.
 */
const run = promisify(execFile);
const bin = new URL('../../../bin/spool.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spool-webhook-'));
const db = join(dir, 'spool.db');
let fake: FakeWebhooks;

async function spool(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args, '--db', db], {
      cwd: dir,
      env: { ...process.env, SPOOL_CONFIG: '', LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  fake = await startFakeWebhooks();
  const now = Date.now();
  const post = (id: number, reply?: number) =>
    JSON.stringify({
      id: `x:${id}`,
      source: 'jsonl',
      author: { id: '7', handle: 'steppe_notes', name: 'Steppe Notes' },
      text: `Part ${id} of a thread on #Xinjiang cotton`,
      createdAt: new Date(now - 3_600_000 + id * 1000).toISOString(),
      url: `https://example.org/${id}`,
      ...(reply ? { replyToId: `x:${reply}`, replyToAuthorId: '7' } : {}),
    });
  writeFileSync(join(dir, 'posts.jsonl'), [post(1), post(2, 1), post(3, 2)].join('\n'));
  expect((await spool('import', join(dir, 'posts.jsonl'))).code).toBe(0);
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('webhook platform end to end (child processes)', { timeout: 60_000 }, () => {
  it('subscriptions add --platform webhook → send-digests --all posts the digest to the hook; list shows the URL masked', async () => {
    const hook = fake.addHook();
    const added = await spool('subscriptions', 'add', '--platform', 'webhook', '--chat', hook, '--tag', 'xinjiang', '--at', '09:00', '--tz', 'UTC');
    expect(added.code).toBe(0);
    const secret = new URL(hook).pathname;
    expect(added.stdout).not.toContain(secret);
    const listed = await spool('subscriptions', 'list', '--json');
    expect(listed.stdout).not.toContain(secret);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ platform: 'webhook', tag: 'xinjiang' }]);

    const sent = await spool('send-digests', '--all');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain('1 sent');
    const [post] = fake.posts.filter((p) => hook.endsWith(p.hook));
    expect(post?.text).toContain('#xinjiang — threads of');
    expect(post?.text).toContain('Steppe Notes (@\u2060steppe_notes)');
    expect(post?.text).toContain('🧵 3 posts');
    // The same period is never sent twice.
    expect((await spool('send-digests', '--all')).stdout).toContain('0 sent');
  });

  it('a chat that is no webhook URL → exit 2 with one sentence naming the expected shape', async () => {
    const bad = await spool('subscriptions', 'add', '--platform', 'webhook', '--chat', 'general', '--tag', 'xinjiang');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('spool: --chat "general" is not a webhook chat id (the webhook URL, like https://hooks.slack.com/services/T000/B000/XXXX)');
    const unknown = await spool('subscriptions', 'add', '--platform', 'pager', '--chat', '1', '--tag', 'xinjiang');
    expect(unknown.stderr.trim()).toBe('spool: --platform "pager" is not one of telegram, discord, webhook');
  });
});
