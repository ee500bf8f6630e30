import { spoken } from './spoken.ts';
import { CORE_COMMANDS, createCommandRouter, UNROLL_COMMANDS, type ChatContext, type Reply, type UnrollServices } from '../../src/core/index.ts';
import { createThreadFetcher } from '../../src/sources/thread-fetcher.ts';
import { createSqliteStores, openDatabase } from '../../src/store/index.ts';
import { startFakeBluesky, type FakeBluesky } from '../fakes/upstream/bluesky.ts';
import { startFakeMastodon, type FakeMastodon } from '../fakes/upstream/mastodon.ts';
import { startFakeX, type FakeX } from '../fakes/upstream/x.ts';
import { fixedClock } from './posts.ts';
import { recordingLog } from './sources.ts';

export const X_TOKEN = 'unroll-bearer-secret';
export const CHAT: ChatContext = { platform: 'telegram', chatId: '7', deliverable: true, isAdmin: async () => true, botCanPost: async () => true };

/**
 * Real SQLite, the real router with /unroll, and the real thread fetcher against fake X, Mastodon and
 * Bluesky servers on 127.0.0.1. X's recent search covers 7 days, as the real one does.
 */
export async function startUnrollWorld(options: { publicUrl?: string; allowPrivateHosts?: boolean } = {}) {
  const clock = fixedClock('2026-11-23T20:00:00Z');
  const x: FakeX = await startFakeX({ token: X_TOKEN, now: clock.now, recentWindowMs: 7 * 86_400_000 });
  const mastodon: FakeMastodon = await startFakeMastodon({ now: clock.now });
  const bluesky: FakeBluesky = await startFakeBluesky({ identifier: 'spool.test', password: 'app-password', now: clock.now, publicReads: true });
  const db = openDatabase(':memory:');
  const stores = createSqliteStores(db, clock);
  const log = recordingLog();
  const fetcher = createThreadFetcher({
    x: { apiUrl: x.url, bearerToken: X_TOKEN },
    blueskyPublicApi: bluesky.url,
    allowPrivateHosts: options.allowPrivateHosts ?? true,
    log,
    clock,
    http: { sleep: async () => undefined, retries: 1, timeoutMs: 5_000 },
  });
  const services: UnrollServices = {
    threads: stores.threads,
    tags: stores.tags,
    authors: stores.authors,
    keys: stores.keys,
    posts: stores.posts,
    fetcher,
    clock,
    links: { publicUrl: options.publicUrl },
    pageSize: 5,
  };
  const router = createCommandRouter(services, [...CORE_COMMANDS, ...UNROLL_COMMANDS]);
  return {
    x,
    mastodon,
    bluesky,
    stores,
    clock,
    log,
    router,
    /** What `/unroll <link>` answers in a chat, with the sentence an English chat reads (see spoken()). */
    unroll: async (link: string) => spoken((await router.handleText(`/unroll ${link}`, CHAT)) as Reply),
    async close() {
      db.close();
      await Promise.all([x.close(), mastodon.close(), bluesky.close()]);
    },
  };
}

export type UnrollWorld = Awaited<ReturnType<typeof startUnrollWorld>>;

/** The texts of a thread reply's posts (throws on any other reply, showing it). */
export function postTexts(reply: Reply): string[] {
  if (reply.kind !== 'thread') throw new Error(`expected a thread, got ${JSON.stringify(reply)}`);
  return reply.thread.posts.map((p) => p.text);
}
