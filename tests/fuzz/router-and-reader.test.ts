import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../src/platforms/console/render.ts';
import { renderInteractionReply } from '../../src/platforms/discord/render-reply.ts';
import { createButtonCodec } from '../../src/core/index.ts';
const createCallbackCodec = () => createButtonCodec({ maxBytes: 64 });
import { renderReplyHtml } from '../../src/platforms/telegram/index.ts';
import {
  CORE_COMMANDS,
  createCommandRouter,
  postSchema,
  SUBSCRIPTION_COMMANDS,
  type ChatContext,
  type ChatRouter,
  type PostInput,
  type SubscriptionRouterServices,
} from '../../src/core/index.ts';
import { createSqliteStores, openDatabase, type Db, type SqliteStores } from '../../src/store/index.ts';
import { createWebHandler } from '../../src/web/index.ts';
import { hostileShort, hostileText } from './hostile.ts';
import { expectDiscordMessage, expectTelegramReply } from './outgoing.ts';
import { budget, FUZZ_SEED } from './settings.ts';

// The chat router and the web reader over a store full of hostile threads, asked hostile things:
// every answer renders into messages the platforms accept, and every page is served (never a 500).

const NOW = new Date('2026-11-23T12:00:00Z');
/** What a client would send: URLs carry UTF-8, which cannot hold a lone surrogate. */
const enc = (text: string): string => encodeURIComponent(text.toWellFormed());
const clock = { now: () => NOW };
let db: Db;
let stores: SqliteStores;
let router: ChatRouter;
let ids: string[] = [];
let tags: string[] = [];

const hostilePost = fc
  .record({
    n: fc.nat(9),
    text: hostileText(60),
    name: hostileShort,
    handle: hostileShort.map((h) => h || 'h'),
    tags: fc.array(hostileShort, { maxLength: 4 }),
    url: hostileShort,
  })
  .map(({ n, text, name, handle, tags: t }): Omit<PostInput, 'id'> => ({
    source: 'x',
    author: { id: `a${n}`, handle, name },
    text: `${text} #xinjiang`,
    createdAt: new Date(NOW.getTime() - n * 3_600_000).toISOString(),
    url: `https://example.org/${enc(handle)}`,
    hashtags: ['xinjiang', ...t],
  }));

beforeAll(async () => {
  db = openDatabase(':memory:');
  stores = createSqliteStores(db, clock);
  const posts = fc
    .sample(hostilePost, { numRuns: 60, seed: FUZZ_SEED })
    .map((p, i) => postSchema.parse({ ...p, id: `x:h${i}`, ...(i % 3 ? { replyToId: `x:h${i - 1}`, replyToAuthorId: p.author.id } : {}) }));
  await stores.posts.ingest(posts);
  ids = posts.map((p) => p.id);
  tags = [...new Set(posts.flatMap((p) => p.hashtags ?? []))];
  router = createCommandRouter<SubscriptionRouterServices>(
    {
      threads: stores.threads,
      authors: stores.authors,
      keys: stores.keys,
      tags: stores.tags,
      clock,
      pageSize: 5,
      links: { publicUrl: 'https://spool.example.org' },
      subscriptions: stores.subscriptions,
      maxSubscriptionsPerChat: 25,
      followLimits: { maxPerUser: 10, maxFollowedTags: 100 },
    },
    [...CORE_COMMANDS, ...SUBSCRIPTION_COMMANDS],
  );
});
afterAll(async () => db.close());

const chats: ChatContext[] = [
  { platform: 'telegram', chatId: '7', userId: '7', deliverable: true, isAdmin: async () => true, botCanPost: async () => true },
  { platform: 'discord', chatId: '100', userId: '8', deliverable: true, isAdmin: async () => true, botCanPost: async () => true },
  { platform: 'console', chatId: 'console', deliverable: true, isAdmin: async () => false, botCanPost: async () => true },
];
const commandLine = fc
  .tuple(
    fc.oneof(fc.constantFrom('threads', 'related', 'search', 'digest', 'subscribe', 'unsubscribe', 'subscriptions', 'help', 'start'), hostileShort),
    fc.array(fc.oneof(hostileShort, fc.constantFrom(...['xinjiang', 'best', '09:00', 'Europe/Oslo'])), { maxLength: 4 }),
  )
  .map(([name, args]) => `/${name} ${args.join(' ')}`);

describe('the router on hostile commands over hostile threads', () => {
  it('every answer → Telegram messages and Discord payloads the platforms accept, a console text', async () => {
    const codec = createCallbackCodec();
    await fc.assert(
      fc.asyncProperty(commandLine, fc.constantFrom(...chats), async (line, chat) => {
        const reply = await router.handleText(line, chat);
        if (!reply) return;
        expectTelegramReply(renderReplyHtml(reply, NOW, codec));
        renderInteractionReply(reply).forEach(expectDiscordMessage);
        expect(typeof renderReply(reply, NOW)).toBe('string');
      }),
      budget(120),
    );
  });
});

/** A request through the reader's handler, in process; resolves when the page is written. */
function get(handler: ReturnType<typeof createWebHandler>, url: string): Promise<{ status: number; body: string; type: string }> {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.url = url;
  req.headers = { host: 'spool.local' };
  const res = new ServerResponse(req);
  let status = 0;
  let type = '';
  let body = '';
  res.writeHead = ((code: number, headers?: Record<string, string>) => {
    status = code;
    type = headers?.['Content-Type'] ?? '';
    return res;
  }) as typeof res.writeHead;
  return new Promise((resolve) => {
    res.end = ((chunk?: Buffer) => {
      body = chunk ? chunk.toString('utf8') : '';
      resolve({ status, body, type });
      return res;
    }) as typeof res.end;
    handler(req, res);
  });
}

describe('the web reader over hostile threads', () => {
  it('any tag, thread id or query → a page (never a 500), well-formed, with no markup from the data', async () => {
    const errors: object[] = [];
    const handler = createWebHandler(
      { threads: stores.threads, tags: stores.tags, clock, log: { debug() {}, info() {}, warn() {}, error: (o) => void errors.push(o) } },
      { pageCache: { ttlMs: 0 } },
    );
    const path = fc.oneof(
      fc.constantFrom(...tags).map((t) => `/tag/${enc(t)}`),
      fc.constantFrom(...tags).map((t) => `/tag/${enc(t)}/feed.xml`),
      fc.constantFrom(...ids).map((id) => `/thread/${enc(id)}`),
      fc.tuple(fc.constantFrom(...tags), hostileShort, hostileShort).map(([t, s, l]) => `/tag/${enc(t)}?sort=${enc(s)}&lang=${enc(l)}&after=${enc(s)}`),
      hostileShort.map((s) => `/tag/${enc(s)}`),
      hostileShort.map((s) => `/${s}`),
      fc.constant('/'),
    );
    await fc.assert(
      fc.asyncProperty(path, async (url) => {
        const { status, body, type } = await get(handler, url);
        expect([200, 303, 400, 404]).toContain(status);
        expect(body.isWellFormed()).toBe(true);
        // Every tag in an HTML or XML page is one the reader wrote: no script, no event handler, no
        // javascript: link. (Plain-text answers are sent as text/plain with nosniff: nothing renders them.)
        const markup = type.startsWith('text/html') || type.includes('xml');
        for (const tag of markup ? (body.match(/<[a-z][^>]*>/giu) ?? []) : [])
          expect(
            /^<script|\son[a-z]+\s*=|(href|src)\s*=\s*["']?\s*javascript:/iu.test(tag),
            `${tag} in ${body.slice(Math.max(0, body.indexOf(tag) - 300), body.indexOf(tag) + 100)}`,
          ).toBe(false);
        if (type.startsWith('application/rss+xml')) expect(XMLValidator.validate(body)).toBe(true);
      }),
      budget(80),
    );
    expect(errors).toEqual([]);
  });
});
