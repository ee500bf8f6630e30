import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordPublisher, deliveryNonce } from '../../../../src/platforms/discord/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../../../fakes/discord/index.ts';
import { digestOf, recordingLog, summary } from '../../../support/discord.ts';

let fake: FakeDiscord;
let guild: string;
let channel: string;

beforeEach(async () => {
  fake = await startFakeDiscord();
  guild = fake.addGuild();
  channel = fake.addChannel({ guild_id: guild, name: 'digests' });
});
afterEach(async () => {
  await fake.close();
});

function publisher(options: { maxRateLimitWaitMs?: number } = {}) {
  const rec = recordingLog();
  return { ...rec, publisher: createDiscordPublisher({ token: fake.token, apiUrl: fake.apiUrl, log: rec.log, ...options }) };
}

const delivery = (chatId: string, items = [summary({}, 1), summary({}, 2), summary({}, 3)], key = 'sub-1:2026-11-23') => ({
  target: { platform: 'discord' as const, chatId },
  digest: digestOf(items),
  idempotencyKey: key,
});

describe('discord digest publisher', () => {
  it('a digest of three threads → one message with the title and three embeds, pinging no one', async () => {
    const { publisher: p } = publisher();
    await expect(p.publish(delivery(channel))).resolves.toEqual({ status: 'sent', messages: 1 });
    const [message] = fake.messages(channel);
    expect(message?.content).toBe('\\#xinjiang — threads of 2026-11-23');
    expect(message?.embeds).toHaveLength(3);
    expect(message?.allowed_mentions).toEqual({ parse: [] });
    const post = fake.captured.find((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);
    expect(post?.body).toMatchObject({ nonce: deliveryNonce('sub-1:2026-11-23', 0), enforce_nonce: true });
    expect(deliveryNonce('a'.repeat(500), 123).length).toBeLessThanOrEqual(25);
  });

  it('the same digest published twice with the same idempotency key → posted once', async () => {
    const { publisher: p } = publisher();
    await p.publish(delivery(channel));
    const again = createDiscordPublisher({ token: fake.token, apiUrl: fake.apiUrl, log: recordingLog().log });
    await expect(again.publish(delivery(channel))).resolves.toMatchObject({ status: 'sent' });
    expect(fake.messages(channel)).toHaveLength(1);
    await p.publish(delivery(channel, undefined, 'sub-1:2026-11-24'));
    expect(fake.messages(channel)).toHaveLength(2);
  });

  it('25 threads with 4000-character excerpts → split into messages that each keep every limit', async () => {
    const items = Array.from({ length: 25 }, (_, i) => summary({ excerpt: `${'word '.repeat(800)}`.trim() }, i + 1));
    const { publisher: p } = publisher();
    const outcome = await p.publish(delivery(channel, items));
    const posted = fake.messages(channel);
    expect(outcome).toEqual({ status: 'sent', messages: posted.length });
    expect(posted.length).toBeGreaterThan(2);
    expect(posted.flatMap((m) => m.embeds)).toHaveLength(25);
    expect(fake.captured.filter((r) => r.status >= 400)).toEqual([]);
  });

  it('a 429 with retry_after on the message post → waited out, delivered once, no request during the wait', async () => {
    fake.failNext({ status: 429, retryAfter: 0.3, route: /^POST \/channels\/\d+\/messages$/u });
    const { publisher: p } = publisher();
    await expect(p.publish(delivery(channel))).resolves.toEqual({ status: 'sent', messages: 1 });
    expect(fake.captured.filter((r) => r.status === 429)).toHaveLength(1);
    expect(fake.earlyRequests).toBe(0);
    expect(fake.messages(channel)).toHaveLength(1);
  });

  it('a global 429 → waited out as well', async () => {
    fake.failNext({ status: 429, retryAfter: 0.2, global: true, route: /^POST /u });
    const { publisher: p } = publisher();
    await expect(p.publish(delivery(channel))).resolves.toMatchObject({ status: 'sent' });
    expect(fake.earlyRequests).toBe(0);
  });

  it('a 429 longer than the publisher’s patience → failed with retryAfterMs, nothing posted', async () => {
    fake.failNext({ status: 429, retryAfter: 30, route: /^POST \/channels\/\d+\/messages$/u });
    const { publisher: p } = publisher({ maxRateLimitWaitMs: 1000 });
    const outcome = await p.publish(delivery(channel));
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(outcome.status === 'failed' && outcome.retryAfterMs).toBeGreaterThan(1000);
    expect(fake.messages(channel)).toHaveLength(0);
  });

  it.each([
    ['missing-access', 'missing access (50001)'],
    ['missing-permissions', 'missing permissions (50013)'],
  ] as const)('a channel with %s → gone, logged as a warning', async (access, reason) => {
    const closed = fake.addChannel({ guild_id: guild, access });
    const { publisher: p, entries } = publisher();
    await expect(p.publish(delivery(closed))).resolves.toEqual({ status: 'gone', reason });
    expect(entries.some((e) => e.level === 'warn')).toBe(true);
  });

  it('an unknown channel → gone', async () => {
    const { publisher: p } = publisher();
    await expect(p.publish(delivery('1234567890123456789'))).resolves.toEqual({ status: 'gone', reason: 'unknown channel (10003)' });
  });

  it('a forum channel → one new post titled with the tag and date, and a retry adds none', async () => {
    const forum = fake.addChannel({ guild_id: guild, type: 15, name: 'digests-forum' });
    const { publisher: p } = publisher();
    await expect(p.publish(delivery(forum))).resolves.toEqual({ status: 'sent', messages: 1 });
    const second = createDiscordPublisher({ token: fake.token, apiUrl: fake.apiUrl, log: recordingLog().log });
    await second.publish(delivery(forum));
    const posts = fake.forumPosts(forum);
    expect(posts.map((t) => t.name)).toEqual(['#xinjiang — 2026-11-23']);
    expect(fake.messages(posts[0]?.id ?? '')[0]?.embeds).toHaveLength(3);
  });

  it('a long digest to a forum → one post holding every part, the later parts sent with nonces', async () => {
    const forum = fake.addChannel({ guild_id: guild, type: 15 });
    const items = Array.from({ length: 6 }, (_, i) => summary({ excerpt: 'w'.repeat(4000) }, i));
    const { publisher: p } = publisher();
    const outcome = await p.publish(delivery(forum, items));
    const [post] = fake.forumPosts(forum);
    expect(fake.forumPosts(forum)).toHaveLength(1);
    expect(outcome).toEqual({ status: 'sent', messages: fake.messages(post?.id ?? '').length });
    expect(fake.messages(post?.id ?? '').flatMap((m) => m.embeds)).toHaveLength(6);
    expect(
      fake
        .messages(post?.id ?? '')
        .slice(1)
        .every((m) => m.nonce !== undefined),
    ).toBe(true);
  });

  it('an announcement channel → posted like a text channel', async () => {
    const news = fake.addChannel({ guild_id: guild, type: 5 });
    const { publisher: p } = publisher();
    await expect(p.publish(delivery(news))).resolves.toEqual({ status: 'sent', messages: 1 });
  });

  it('an empty digest → nothing sent; with sendWhenEmpty → one short note', async () => {
    const { publisher: p } = publisher();
    await expect(p.publish(delivery(channel, []))).resolves.toEqual({ status: 'sent', messages: 0 });
    expect(fake.captured).toHaveLength(0);
    await expect(p.publish({ ...delivery(channel, []), sendWhenEmpty: true })).resolves.toEqual({ status: 'sent', messages: 1 });
    expect(fake.messages(channel)[0]?.content).toContain('Nothing new since');
  });

  it('Discord failing with 500 on every try → failed, not thrown', async () => {
    for (let i = 0; i < 3; i++) fake.failNext({ status: 500, route: /^GET \/channels\//u });
    const { publisher: p, entries } = publisher();
    await expect(p.publish(delivery(channel))).resolves.toMatchObject({ status: 'failed', reason: 'discord 500' });
    expect(JSON.stringify(entries)).not.toContain(fake.token);
  });
});

describe('discord digest publisher under per-route buckets', () => {
  it('a bucket of 2 requests per second and a 5-part digest → the client waits on X-RateLimit headers, no 429', async () => {
    await fake.close();
    fake = await startFakeDiscord({ limits: true, bucketLimit: 2 });
    guild = fake.addGuild();
    channel = fake.addChannel({ guild_id: guild });
    const items = Array.from({ length: 5 }, (_, i) => summary({ excerpt: 'w'.repeat(4000) }, i));
    const { publisher: p } = publisher();
    await expect(p.publish(delivery(channel, items))).resolves.toEqual({ status: 'sent', messages: 5 });
    expect(fake.captured.filter((r) => r.status === 429)).toEqual([]);
  });
});
