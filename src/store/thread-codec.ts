import type { StoredThread, Thread, ThreadPost } from '../core/index.ts';

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

/** What `head` holds: the thread without `id`, `lang`, `storedCount` (columns) and `posts`. */
type ThreadHead = Omit<Thread, 'id' | 'lang' | 'storedCount' | 'posts'> & { firstPost: StoredPost };

/** A post inside a thread row: `url: ''` and `media: 0` left out. */
type StoredPost = Omit<ThreadPost, 'url' | 'media'> & { url?: string; media?: number };

const compactPost = (p: ThreadPost): StoredPost => {
  const out: StoredPost = { id: p.id, text: p.text, createdAt: p.createdAt };
  if (p.url !== '') out.url = p.url;
  if (p.media !== 0) out.media = p.media;
  return out;
};

const fullPost = (p: StoredPost): ThreadPost => ({ id: p.id, text: p.text, createdAt: p.createdAt, url: p.url ?? '', media: p.media ?? 0 });

/** `head` and `rest` for a thread row. */
export function encodeThread(thread: Thread): { head: string; rest: string } {
  const [first, ...others] = thread.posts;
  if (!first) throw new RangeError(`thread ${thread.id} has no posts`);
  const head: ThreadHead = {
    source: thread.source,
    url: thread.url,
    author: thread.author,
    postCount: thread.postCount,
    hashtags: thread.hashtags,
    createdAt: thread.createdAt,
    updatedAt: thread.updatedAt,
    score: thread.score,
    metrics: thread.metrics,
    firstPost: compactPost(first),
  };
  return { head: JSON.stringify(head), rest: others.length === 0 ? '[]' : JSON.stringify(others.map(compactPost)) };
}

/** The hashtags a stored head lists (the links to remove when the thread changes). */
export function headHashtags(head: string): readonly string[] {
  return (JSON.parse(head) as Pick<ThreadHead, 'hashtags'>).hashtags;
}

/**
 * A stored thread whose `posts` are decoded on first access: `rest` is read from `readRest(seq)` when
 * the row did not carry it. Lists and digests touch `firstPost` only; a whole-thread page reads all.
 */
export function readThread(row: ThreadRow, readRest: (seq: number) => string): StoredThread {
  const head = JSON.parse(row.head) as ThreadHead;
  const first = fullPost(head.firstPost);
  let posts: readonly ThreadPost[] | undefined;
  const rest = row.rest;
  return {
    id: row.id,
    source: head.source,
    url: head.url,
    author: head.author,
    postCount: head.postCount,
    storedCount: row.stored_count,
    get posts(): readonly ThreadPost[] {
      if (!posts) {
        const others = JSON.parse(rest ?? readRest(row.seq)) as StoredPost[];
        posts = others.length === 0 ? [first] : [first, ...others.map(fullPost)];
      }
      return posts;
    },
    hashtags: head.hashtags,
    lang: row.lang,
    createdAt: head.createdAt,
    updatedAt: head.updatedAt,
    score: head.score,
    metrics: head.metrics,
    firstSeenAt: new Date(row.first_seen_at).toISOString(),
    grownAt: new Date(row.grown_at).toISOString(),
    firstPost: first,
  };
}
