import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';

// The fake is only worth its tests if it refuses what Discord refuses: these pin that down.

let fake: FakeDiscord;
let channel: string;

beforeEach(async () => {
  fake = await startFakeDiscord();
  channel = fake.addChannel({ guild_id: fake.addGuild() });
});
afterEach(async () => {
  await fake.close();
});

async function call(method: string, path: string, body?: unknown, auth = true) {
  const res = await fetch(`${fake.apiUrl}/v10${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bot ${fake.token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}
const post = (body: unknown) => call('POST', `/channels/${channel}/messages`, body);

describe('fake Discord REST', () => {
  it('content over 2000 characters → 400 Invalid Form Body naming the field', async () => {
    const res = await post({ content: 'x'.repeat(2001) });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 50035, errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
  });

  it('11 embeds, or 6001 characters across embeds → 400', async () => {
    expect((await post({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).status).toBe(400);
    const res = await post({ embeds: [{ description: 'a'.repeat(3001) }, { description: 'b'.repeat(3000) }] });
    expect(res.json).toMatchObject({ errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } });
    expect((await post({ embeds: [{ description: 'a'.repeat(3000) }, { description: 'b'.repeat(3000) }] })).status).toBe(200);
  });

  it('a custom_id of 101 characters, or a nonce of 26 → 400; an empty message → 50006', async () => {
    const row = (id: string) => [{ type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: id }] }];
    expect((await post({ content: 'x', components: row('c'.repeat(101)) })).status).toBe(400);
    expect((await post({ content: 'x', components: row('c'.repeat(100)) })).status).toBe(200);
    expect((await post({ content: 'x', nonce: 'n'.repeat(26) })).status).toBe(400);
    expect((await post({})).json).toMatchObject({ code: 50006 });
  });

  it('the same nonce with enforce_nonce → the first message comes back and nothing new is posted', async () => {
    const first = await post({ content: 'one', nonce: 'abc', enforce_nonce: true });
    const second = await post({ content: 'two', nonce: 'abc', enforce_nonce: true });
    expect(second.json['id']).toBe(first.json['id']);
    expect(fake.messages(channel).map((m) => m.content)).toEqual(['one']);
  });

  it('no Authorization header → 401; interaction callbacks need none', async () => {
    expect((await post({ content: 'x' })).status).toBe(200);
    expect((await call('POST', `/channels/${channel}/messages`, { content: 'x' }, false)).status).toBe(401);
  });

  it('failNext(429) → Discord’s 429 shape; asking again during the wait → 429 again, counted as early', async () => {
    fake.failNext({ status: 429, retryAfter: 5 });
    const limited = await post({ content: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ message: 'You are being rate limited.', retry_after: 5, global: false });
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(limited.headers.get('retry-after')).toBe('5');
    expect((await post({ content: 'x' })).status).toBe(429);
    expect(fake.earlyRequests).toBe(1);
  });

  it('with limits on, more than the global limit in a second → a global 429', async () => {
    await fake.close();
    // A global limit of 5/s: 60 requests exceed it even when a loaded machine spreads them over seconds.
    fake = await startFakeDiscord({ limits: true, bucketLimit: 1000, globalPerSecond: 5 });
    const results = await Promise.all(Array.from({ length: 60 }, () => call('GET', '/users/@me')));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.json).toMatchObject({ global: true });
    expect(limited[0]?.headers.get('x-ratelimit-global')).toBe('true');
  });

  it('an autocomplete answer with 26 choices → 400; a second callback → 40060 already acknowledged', async () => {
    await call('PUT', `/applications/${fake.appId}/commands`, [
      { name: 'threads', description: 'd', options: [{ type: 3, name: 'hashtag', description: 'h', autocomplete: true }] },
    ]);
    const sent = fake.autocomplete('threads', { hashtag: 'x' }, 'hashtag', { guildId: fake.addGuild(), channelId: channel });
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    const url = `/interactions/${sent.interaction.id}/${sent.interaction.token}/callback`;
    expect((await call('POST', url, { type: 8, data: { choices } }, false)).status).toBe(400);
    expect((await call('POST', url, { type: 8, data: { choices: choices.slice(0, 25) } }, false)).status).toBe(204);
    expect((await call('POST', url, { type: 8, data: { choices: [] } }, false)).json).toMatchObject({ code: 40060 });
  });

  it('a command name with capitals, or a description over 100 → 400 on registration', async () => {
    expect((await call('PUT', `/applications/${fake.appId}/commands`, [{ name: 'Threads', description: 'd' }])).status).toBe(400);
    expect((await call('PUT', `/applications/${fake.appId}/commands`, [{ name: 'threads', description: 'd'.repeat(101) }])).status).toBe(400);
  });
});
