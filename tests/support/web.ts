import { postSchema, type Clock, type Log, type Post, type PostInput } from '../../src/core/index.ts';
import { createSqliteStores, openDatabase, type Db, type SqliteStores } from '../../src/store/index.ts';
import { createWebServer, type WebServer } from '../../src/web/index.ts';

/** The reader's clock in tests: fixed, so "3 h ago" and "most active" never depend on the day. */
export const NOW = new Date('2026-11-23T20:00:00Z');
export const clock: Clock = { now: () => NOW };

/** A hostile string that must come back escaped wherever it appears. */
export const HOSTILE = `<script>alert(1)</script> "><img src=x onerror=alert(2)> ' & javascript:alert(3)`;

interface ThreadSpec {
  readonly root: string;
  readonly handle?: string;
  readonly name?: string;
  readonly lang?: string;
  readonly texts: readonly string[];
  readonly hoursAgo?: number;
  readonly declaredLength?: number;
  readonly media?: number;
  readonly url?: string;
  readonly extraHashtags?: readonly string[];
}

/** Posts of one self-reply chain: `root`, then `root-2`, `root-3` … each answering the previous. */
export function threadPosts(spec: ThreadSpec): Post[] {
  const handle = spec.handle ?? 'steppe_notes';
  const start = NOW.getTime() - (spec.hoursAgo ?? 5) * 3_600_000;
  return spec.texts.map((text, i) => {
    const id = i === 0 ? spec.root : `${spec.root}-${i + 1}`;
    const input: PostInput = {
      id,
      source: (spec.root.split(':')[0] ?? 'x') as PostInput['source'],
      author: { id: `author-${handle}`, handle, name: spec.name ?? 'Steppe Notes' },
      text,
      createdAt: new Date(start + i * 60_000).toISOString(),
      url: spec.url ?? `https://example.com/${handle}/${encodeURIComponent(id)}`,
      lang: spec.lang ?? 'en',
      media: i === 0 ? (spec.media ?? 0) : 0,
      extraHashtags: [...(spec.extraHashtags ?? [])],
      ...(i > 0 ? { replyToId: i === 1 ? spec.root : `${spec.root}-${i}`, replyToAuthorId: `author-${handle}` } : {}),
      ...(i === 0 && spec.declaredLength ? { declaredThreadLength: spec.declaredLength } : {}),
    };
    return postSchema.parse(input);
  });
}

/** The reader's test data: hostile text, non-Latin tags, ids with `:` and `/`, a partial thread, languages. */
export function fixturePosts(): Post[] {
  return [
    ...threadPosts({
      root: 'mastodon:m-1',
      texts: [
        'How #Xinjiang cotton reaches European shops. #cotton 🧵',
        'Most brands publish tier-1 suppliers only.',
        'Customs data helps: https://example.org/customs?year=2024 has the bills of lading.',
      ],
      media: 2,
      hoursAgo: 3,
    }),
    ...threadPosts({
      root: 'threadreader:abc/2',
      handle: 'keketuohai_trip',
      name: 'Ski Trip 可可托海',
      texts: ['A ski trip to #可可托海 in #Xinjiang, notes 1/18', 'No permit was needed to travel within XJ.'],
      declaredLength: 18,
      hoursAgo: 30,
    }),
    ...threadPosts({
      root: 'bluesky:did:plc:x-1',
      handle: 'lieferkette.bsky.social',
      name: 'Lieferkette',
      lang: 'fr',
      texts: ['Un fil sur les #Ouïghours et le travail forcé au #Xinjiang.', 'Les chaînes d’approvisionnement sont longues.'],
      hoursAgo: 10,
    }),
    ...threadPosts({
      root: 'x:666',
      handle: 'mallory',
      name: `Mallory ${HOSTILE}`,
      texts: [`#Xinjiang ${HOSTILE}`, `second ${HOSTILE}`],
      url: 'javascript:alert(4)',
      hoursAgo: 20,
    }),
  ];
}

/** 25 short threads about #paging, one an hour apart: more than one page of 20. */
export function pagingPosts(): Post[] {
  return Array.from({ length: 25 }, (_, i) =>
    threadPosts({
      root: `x:page-${i + 1}`,
      handle: `writer${i}`,
      name: `Writer ${i + 1}`,
      texts: [`Thread number ${i + 1} about #paging`, 'and its second post'],
      hoursAgo: i + 1,
    }),
  ).flat();
}

export interface Running {
  readonly base: string;
  readonly db: Db;
  readonly stores: SqliteStores;
  readonly server: WebServer;
  readonly errors: object[];
  close(): Promise<void>;
}

/** A reader on 127.0.0.1 (a free port) over a fresh in-memory SQLite store holding `posts`. */
export async function startReader(posts: readonly Post[], options: { readonly publicUrl?: string } = {}): Promise<Running> {
  const db = openDatabase(':memory:');
  const stores = createSqliteStores(db, clock);
  // Awaited: the write path is loaded on first use, so a page asked at once could find nothing yet.
  await stores.posts.ingest(posts);
  const errors: object[] = [];
  const log: Log = { debug() {}, info() {}, warn() {}, error: (obj) => void errors.push(obj) };
  const server = createWebServer({
    threads: stores.threads,
    tags: stores.tags,
    authors: stores.authors,
    clock,
    log,
    publicUrl: options.publicUrl,
    stats: () => stores.stats(),
  });
  const { port } = await server.listen(0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${port}`,
    db,
    stores,
    server,
    errors,
    async close() {
      await server.close();
      db.close();
    },
  };
}
