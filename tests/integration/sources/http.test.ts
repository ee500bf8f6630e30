import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, rateLimitWaitMs, RateLimitedError, safeUrl, UpstreamError } from '../../../src/sources/http.ts';
import { startFakeServer, type FakeServer } from '../../fakes/upstream/server.ts';

const now = new Date('2026-11-23T20:00:00.000Z');
const servers: (Server | FakeServer)[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    if ('requests' in s) await s.close();
    else {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  }
});

describe('rate-limit headers → wait', () => {
  it('Retry-After in seconds, Retry-After as an HTTP date, X epoch seconds, Mastodon ISO time → milliseconds from now', () => {
    expect(rateLimitWaitMs(new Headers({ 'retry-after': '7' }), now)).toBe(7_000);
    expect(rateLimitWaitMs(new Headers({ 'retry-after': 'Mon, 23 Nov 2026 20:00:30 GMT' }), now)).toBe(30_000);
    expect(rateLimitWaitMs(new Headers({ 'x-rate-limit-reset': String(now.getTime() / 1000 + 12) }), now)).toBe(12_000);
    expect(rateLimitWaitMs(new Headers({ 'x-ratelimit-reset': '2026-11-23T20:01:00.000Z' }), now)).toBe(60_000);
    expect(rateLimitWaitMs(new Headers({ 'x-ratelimit-reset': '2026-11-23T19:59:00.000Z' }), now)).toBe(0);
    expect(rateLimitWaitMs(new Headers({}), now)).toBeUndefined();
  });

  it('a URL with credentials or a token-like parameter → shown without them', () => {
    expect(safeUrl('https://user:pw@example.org/a?access_token=abc&q=1')).toBe('https://example.org/a?access_token=redacted&q=1');
  });
});

describe('HTTP client', () => {
  it('an upstream that never answers → UpstreamError after the timeout, retried, then given up', async () => {
    const server = createServer(() => undefined); // holds every request
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
    const sleeps: number[] = [];
    const http = createHttpClient('test', { timeoutMs: 100, retries: 1, sleep: async (ms) => void sleeps.push(ms), random: () => 0 });
    const error = await http.request(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).message).toContain('no answer within 100 ms');
    expect((error as UpstreamError).status).toBeUndefined();
    expect(http.requests).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it('a 4xx → no retry, the status and URL on the error; a long 429 → RateLimitedError with retryAfterMs', async () => {
    const fake = await startFakeServer(() => ({ status: 404, body: { error: 'Record not found' } }));
    servers.push(fake);
    const http = createHttpClient('test', { clock: { now: () => now }, sleep: async () => undefined });
    const notFound = (await http.request(`${fake.url}/missing`).catch((e: unknown) => e)) as UpstreamError;
    expect(notFound).toMatchObject({ status: 404, url: `${fake.url}/missing` });
    expect(fake.requests).toHaveLength(1);
    fake.failNext(429, { headers: { 'retry-after': '3600' } });
    const limited = await http.request(`${fake.url}/x`).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(3_600_000);
  });

  it('5xx three times in a row → backoff grows exponentially with jitter, then the error', async () => {
    const fake = await startFakeServer(() => ({ status: 200, body: {} }));
    servers.push(fake);
    fake.failNext(503, { times: 4 });
    const sleeps: number[] = [];
    const http = createHttpClient('test', { baseDelayMs: 100, retries: 3, sleep: async (ms) => void sleeps.push(ms), random: () => 1 });
    const error = (await http.request(`${fake.url}/boom`).catch((e: unknown) => e)) as UpstreamError;
    expect(error.status).toBe(503);
    expect(sleeps).toEqual([100, 200, 400]);
  });
});
