import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Digest, Log, ThreadSummary } from '../../../../src/core/index.ts';
import { maskWebhookUrl } from '../../../../src/platforms/webhook/mask.ts';
import { createWebhookPublisher } from '../../../../src/platforms/webhook/publisher.ts';
import { startFakeWebhooks, type FakeWebhooks } from '../../../fakes/webhook/server.ts';

let fake: FakeWebhooks;
beforeAll(async () => {
  fake = await startFakeWebhooks();
});
afterAll(() => fake.close());

const lines: string[] = [];
const log: Log = {
  debug: () => undefined,
  info: (obj, msg) => void lines.push(JSON.stringify({ ...obj, msg })),
  warn: (obj, msg) => void lines.push(JSON.stringify({ ...obj, msg })),
  error: (obj, msg) => void lines.push(JSON.stringify({ ...obj, msg })),
};

function item(i: number, text = `Thread ${i} about #xinjiang`): ThreadSummary {
  return {
    threadId: `x:${i}`,
    author: { handle: `author${i}`, name: `Author ${i}` },
    excerpt: text,
    postCount: 3,
    storedCount: 3,
    link: `https://example.org/t/${i}`,
    lang: 'en',
    createdAt: '2026-11-23T08:00:00Z',
    hashtags: ['xinjiang'],
    grownBy: 0,
  };
}

const digest = (items: ThreadSummary[]): Digest => ({
  tag: 'xinjiang',
  title: '#xinjiang — threads of 2026-11-23',
  since: '2026-11-22T09:00:00Z',
  until: '2026-11-23T09:00:00Z',
  items,
});

const publisher = () => createWebhookPublisher({ log, minIntervalMs: 1_000 });

describe('incoming-webhook publisher against a Slack-like receiver', () => {
  it('a digest of three threads → one post with text and a block per thread; mentions and markup made inert', async () => {
    const hook = fake.addHook();
    const hostile = item(2, 'Ping @channel and @here, <!everyone> & <https://evil.example|click>');
    const outcome = await publisher().publish({
      target: { platform: 'webhook', chatId: hook },
      digest: digest([item(1), hostile, item(3)]),
      idempotencyKey: 'd1-1',
    });
    expect(outcome).toEqual({ status: 'sent', messages: 1 });
    const [post] = fake.posts.filter((p) => hook.endsWith(p.hook));
    expect(post?.blocks).toHaveLength(4);
    expect(post?.text).toContain('Author 1 (@\u2060author1)');
    expect(post?.text).not.toMatch(/@channel|@here|<!everyone>|<https/u);
    expect(post?.text).toContain('&lt;!everyone&gt; &amp;');
    expect(post?.text).toContain('https://example.org/t/2');
  });

  it('a digest too long for one post → several posts within Slack’s limits, a second apart, all accepted', async () => {
    const hook = fake.addHook();
    const long = Array.from({ length: 30 }, (_, i) => item(i, `${'A long thread opening. '.repeat(25)}#xinjiang`));
    const outcome = await publisher().publish({ target: { platform: 'webhook', chatId: hook }, digest: digest(long), idempotencyKey: 'd2-1' });
    const received = fake.posts.filter((p) => hook.endsWith(p.hook));
    expect(outcome).toEqual({ status: 'sent', messages: received.length });
    expect(received.length).toBeGreaterThan(1);
    expect(received.flatMap((p) => p.blocks).filter((b) => b.text?.text.includes('A long thread'))).toHaveLength(30);
    expect(fake.requests.filter((r) => hook.endsWith(r.path)).every((r) => r.status === 200)).toBe(true);
  }, 60_000);

  it('an archived or removed hook → gone (the subscription is paused); a 429 → failed with Retry-After; a 502 → failed', async () => {
    const archived = fake.addHook();
    fake.archive(archived);
    const one = digest([item(1)]);
    expect(await publisher().publish({ target: { platform: 'webhook', chatId: archived }, digest: one, idempotencyKey: 'a' })).toMatchObject({
      status: 'gone',
    });
    const removed = `${new URL(archived).origin}/services/T9/B9/nothing`;
    expect(await publisher().publish({ target: { platform: 'webhook', chatId: removed }, digest: one, idempotencyKey: 'b' })).toMatchObject({ status: 'gone' });
    const hook = fake.addHook();
    fake.failNext(429);
    expect(await publisher().publish({ target: { platform: 'webhook', chatId: hook }, digest: one, idempotencyKey: 'c' })).toMatchObject({
      status: 'failed',
      retryAfterMs: 1000,
    });
    fake.failNext(502);
    expect(await publisher().publish({ target: { platform: 'webhook', chatId: hook }, digest: one, idempotencyKey: 'd' })).toMatchObject({ status: 'failed' });
  }, 30_000);

  it('an empty digest → nothing posted unless asked; the webhook URL never appears whole in a log line', async () => {
    const hook = fake.addHook();
    const before = fake.requests.length;
    expect(await publisher().publish({ target: { platform: 'webhook', chatId: hook }, digest: digest([]), idempotencyKey: 'e' })).toEqual({
      status: 'sent',
      messages: 0,
    });
    expect(fake.requests.length).toBe(before);
    expect(await publisher().publish({ target: { platform: 'webhook', chatId: hook }, digest: digest([]), idempotencyKey: 'f', sendWhenEmpty: true })).toEqual({
      status: 'sent',
      messages: 1,
    });
    const secret = new URL(hook).pathname;
    expect(lines.join('\n')).not.toContain(secret);
    expect(maskWebhookUrl(hook)).not.toContain(secret);
  });
});
