import { threadScore, type MediaRef, type Sensitivity, type SourceName, type StoredThread, type Thread, type ThreadPost } from '../core/index.ts';

/** The columns a thread is read from. */
export interface ThreadRow {
  seq: number;
  id: string;
  lang: string;
  stored_count: number;
  first_seen_at: number;
  grown_at: number;
  head: string;
  /** Absent when the query did not read it: `posts` then reads it on demand (see `readThread`). */
  rest?: string;
}

/**
 * `head`: the thread without its id, language and stored count (columns) and without its posts but
 * the first, in one-letter keys. Its url and creation time are the first post's; its score is
 * recomputed from the metrics and length (rank.ts), so none of the three is stored twice.
 *
 *   s source   a [author id, handle, name]   n postCount   h hashtags   e updatedAt
 *   m [likes, reposts, replies]              f the first post
 *   w 1 when the thread is undated            o origin (said instead of an author)
 *   i the thread's first picture (MediaRef)   k its sensitivity (warning, labels, age-restricted)
 *   l the author's linked profiles
 *
 * A post inside a thread row is [id, text, createdAt] with url and media appended when not '' / 0,
 * and its attachments (MediaRef[]) after those when it has any.
 */
interface ThreadHead {
  s: SourceName;
  a: [string, string, string];
  n: number;
  h: string[];
  e: string;
  m: [number, number, number];
  f: StoredPost;
  w?: 1;
  o?: string;
  i?: MediaRef;
  k?: Sensitivity;
  l?: string[];
}
type StoredPost =
  [string, string, string] | [string, string, string, string] | [string, string, string, string, number] | [string, string, string, string, number, MediaRef[]];

const compactPost = (p: ThreadPost): StoredPost =>
  p.attachments?.length
    ? [p.id, p.text, p.createdAt, p.url, p.media, [...p.attachments]]
    : p.media !== 0
      ? [p.id, p.text, p.createdAt, p.url, p.media]
      : p.url !== ''
        ? [p.id, p.text, p.createdAt, p.url]
        : [p.id, p.text, p.createdAt];

const fullPost = (p: StoredPost): ThreadPost => ({
  id: p[0],
  text: p[1],
  createdAt: p[2],
  url: p[3] ?? '',
  media: p[4] ?? 0,
  ...(p[5] ? { attachments: p[5] } : {}),
});

/** `head` and `rest` for a thread row. */
export function encodeThread(thread: Thread): { head: string; rest: string } {
  const [first, ...others] = thread.posts;
  if (!first) throw new RangeError(`thread ${thread.id} has no posts`);
  const { author, metrics } = thread;
  const head: ThreadHead = {
    s: thread.source,
    a: [author.id, author.handle, author.name],
    n: thread.postCount,
    h: [...thread.hashtags],
    e: thread.updatedAt,
    m: [metrics.likes, metrics.reposts, metrics.replies],
    f: compactPost(first),
  };
  if (thread.undated) head.w = 1;
  if (thread.origin !== undefined) head.o = thread.origin;
  if (thread.image) head.i = thread.image;
  if (thread.sensitive) head.k = thread.sensitive;
  if (author.links?.length) head.l = [...author.links];
  return { head: JSON.stringify(head), rest: others.length === 0 ? '[]' : JSON.stringify(others.map(compactPost)) };
}

/** The hashtags a stored head lists (the links to remove when the thread changes). */
export function headHashtags(head: string): readonly string[] {
  return (JSON.parse(head) as Pick<ThreadHead, 'h'>).h;
}

/**
 * A stored thread whose `posts` are decoded on first access: `rest` is read from `readRest(seq)` when
 * the row did not carry it. Lists and digests touch `firstPost` only; a whole-thread page reads all.
 */
export function readThread(row: ThreadRow, readRest: (seq: number) => string): StoredThread {
  const head = JSON.parse(row.head) as ThreadHead;
  const first = fullPost(head.f);
  const [likes, reposts, replies] = head.m;
  const metrics = { likes, reposts, replies };
  let posts: readonly ThreadPost[] | undefined;
  const rest = row.rest;
  return {
    id: row.id,
    source: head.s,
    url: first.url,
    author: { id: head.a[0], handle: head.a[1], name: head.a[2], ...(head.l ? { links: head.l } : {}) },
    postCount: head.n,
    storedCount: row.stored_count,
    get posts(): readonly ThreadPost[] {
      if (!posts) {
        const others = JSON.parse(rest ?? readRest(row.seq)) as StoredPost[];
        posts = others.length === 0 ? [first] : [first, ...others.map(fullPost)];
      }
      return posts;
    },
    hashtags: head.h,
    lang: row.lang,
    createdAt: first.createdAt,
    updatedAt: head.e,
    score: threadScore(metrics, head.n),
    metrics,
    ...(head.w === 1 ? { undated: true } : {}),
    // The migration from the older layout writes JSON nulls for fields a thread does not have.
    ...(typeof head.o === 'string' ? { origin: head.o } : {}),
    ...(head.i ? { image: head.i } : {}),
    ...(head.k ? { sensitive: head.k } : {}),
    // Read by digests only: not formatted for every thread of every list.
    get firstSeenAt(): string {
      return new Date(row.first_seen_at).toISOString();
    },
    get grownAt(): string {
      return new Date(row.grown_at).toISOString();
    },
    firstPost: first,
  };
}
