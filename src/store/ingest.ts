import {
  buildThread,
  collectThread,
  findThreadRoot,
  bestRank,
  type Clock,
  type IngestSummary,
  type Post,
  type PostGraph,
  type PostSink,
  type Thread,
} from '../core/index.ts';
import type { Db } from './db.ts';
import { createTagLinks } from './tag-links.ts';
import type { Sync } from './sync.ts';

interface PostRow {
  body: string;
  thread_id: string | null;
}

/**
 * How far below every dated thread an undated one sorts (about 3,000 years): a thread whose source
 * gave no time (its createdAt is when Spool first saw it) must not pass for the newest in `recent`
 * nor gain the freshness `best` gives. Among themselves, undated threads keep the order they were seen in.
 */
const UNDATED_SHIFT_MS = 1e14;

/**
 * The SQLite post sink: stores posts and keeps threads, tag links, co-occurrence counts and the
 * full-text index in step, all in one transaction per batch. Posts may arrive in any order and in
 * any number of batches: each batch re-unrolls only the threads it touches.
 */
export function createSqlitePostSink(db: Db, clock: Clock): Sync<PostSink> {
  // A changed body is the only reason to touch a stored post: re-importing a file writes nothing.
  // RETURNING gives the thread a stored post already belongs to (NULL for a new post) without a second read;
  // no row comes back for an unchanged post.
  const upsertPost = db.prepare<[string, string, string | null, string | null, string], { thread_id: string | null }>(`
    INSERT INTO posts (id, author_id, reply_to_id, conversation_id, body) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET body = excluded.body, reply_to_id = excluded.reply_to_id,
      conversation_id = excluded.conversation_id
    WHERE posts.body <> excluded.body
    RETURNING thread_id`);
  const postById = db.prepare<[string], PostRow>('SELECT body, thread_id FROM posts WHERE id = ?');
  const postsByReplyTo = db.prepare<[string], PostRow>('SELECT body, thread_id FROM posts WHERE reply_to_id = ?');
  const postsByConversation = db.prepare<[string, string], PostRow>(
    'SELECT body, thread_id FROM posts WHERE conversation_id = ? AND author_id = ?',
  );
  const threadIdsOfPost = db.prepare<[string], { thread_id: string | null }>('SELECT thread_id FROM posts WHERE id = ?');
  const setPostThread = db.prepare<[string, string]>('UPDATE posts SET thread_id = ? WHERE id = ?');
  const threadById = db.prepare<
    [string],
    { seq: number; first_seen_at: number; grown_at: number; stored_count: number; body: string }
  >('SELECT seq, first_seen_at, grown_at, stored_count, body FROM threads WHERE id = ?');
  const insertThread = db.prepare<[string, string, number, number, number, number, number, string]>(`
    INSERT INTO threads (id, lang, created_at, best_rank, stored_count, first_seen_at, grown_at, body)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const updateThread = db.prepare<[string, number, number, number, number, number, string, number]>(`
    UPDATE threads SET lang = ?, created_at = ?, best_rank = ?, stored_count = ?, first_seen_at = ?, grown_at = ?, body = ?
    WHERE seq = ?`);
  const deleteThread = db.prepare<[number]>('DELETE FROM threads WHERE seq = ?');
  const deleteText = db.prepare<[number]>('DELETE FROM thread_text WHERE rowid = ?');
  const insertText = db.prepare<[number, string]>('INSERT INTO thread_text (rowid, text) VALUES (?, ?)');
  const links = createTagLinks(db);

  /** Parsed posts of this batch and those read back: the unroller asks for the same posts many times. */
  let cache = new Map<string, Post>();
  /** The thread each of those posts is stored under (null: none yet). */
  let threadOf = new Map<string, string | null>();
  const read = (row: PostRow): Post => {
    const post = JSON.parse(row.body) as Post;
    const cached = cache.get(post.id);
    if (cached) return cached;
    cache.set(post.id, post);
    threadOf.set(post.id, row.thread_id);
    return post;
  };
  const graph: PostGraph = {
    get(id) {
      const cached = cache.get(id);
      if (cached) return cached;
      const row = postById.get(id);
      return row ? read(row) : undefined;
    },
    childrenOf: (id) => postsByReplyTo.all(id).map(read),
    inConversation: (conversationId, authorId) => postsByConversation.all(conversationId, authorId).map(read),
  };

  function saveThread(thread: Thread, members: readonly Post[], now: number): 'new' | 'grown' | 'same' {
    const existing = threadById.get(thread.id);
    // Posts that were unrolled into other threads before (the missing middle arrived): fold those in.
    let firstSeenAt = existing?.first_seen_at ?? now;
    let merged = false;
    for (const post of members) {
      const previous = threadOf.has(post.id) ? threadOf.get(post.id) : threadIdsOfPost.get(post.id)?.thread_id;
      if (previous && previous !== thread.id) {
        const old = threadById.get(previous);
        if (old) {
          firstSeenAt = Math.min(firstSeenAt, old.first_seen_at);
          merged = true;
          links.replace(old.seq, [], { lang: '', createdAt: 0, bestRank: 0, changedAt: 0, storedCount: 0 });
          deleteText.run(old.seq);
          deleteThread.run(old.seq);
        }
      }
      if (previous !== thread.id) {
        setPostThread.run(thread.id, post.id);
        threadOf.set(post.id, thread.id);
      }
    }
    const body = JSON.stringify(thread);
    const createdAt = Date.parse(thread.createdAt) - (thread.undated ? UNDATED_SHIFT_MS : 0);
    const rank = bestRank(thread.score, createdAt);
    const grew = (existing !== undefined && thread.storedCount > existing.stored_count) || (!existing && merged);
    const grownAt = existing && !grew ? existing.grown_at : now;
    let seq: number;
    let outcome: 'new' | 'grown' | 'same';
    if (existing) {
      if (existing.body === body && existing.first_seen_at === firstSeenAt) return 'same';
      updateThread.run(thread.lang, createdAt, rank, thread.storedCount, firstSeenAt, grownAt, body, existing.seq);
      seq = existing.seq;
      deleteText.run(seq);
      outcome = grew ? 'grown' : 'same';
    } else {
      seq = Number(insertThread.run(thread.id, thread.lang, createdAt, rank, thread.storedCount, firstSeenAt, grownAt, body).lastInsertRowid);
      outcome = merged ? 'grown' : 'new';
    }
    insertText.run(seq, `${members.map((p) => p.text).join('\n')}\n${thread.hashtags.map((t) => `#${t}`).join(' ')}`);
    links.replace(seq, thread.hashtags, { lang: thread.lang, createdAt, bestRank: rank, changedAt: grownAt, storedCount: thread.storedCount });
    return outcome;
  }

  /** An undated post keeps the time it was first stored with: that is when Spool first saw it. */
  function keepFirstSeen(post: Post): Post {
    const row = postById.get(post.id);
    if (!row) return post;
    const stored = JSON.parse(row.body) as Post;
    return stored.createdAt === post.createdAt ? post : { ...post, createdAt: stored.createdAt };
  }

  const ingestBatch = db.transaction((posts: readonly Post[]): IngestSummary => {
    cache = new Map();
    threadOf = new Map();
    const now = clock.now().getTime();
    const changed: Post[] = [];
    let unchanged = 0;
    for (const incoming of posts) {
      const post = incoming.undated ? keepFirstSeen(incoming) : incoming;
      const stored = upsertPost.get(post.id, post.author.id, post.replyToId ?? null, post.conversationId ?? null, JSON.stringify(post));
      if (stored) {
        changed.push(post);
        cache.set(post.id, post);
        threadOf.set(post.id, stored.thread_id);
      } else unchanged++;
    }
    const roots = new Map<string, Post>();
    let unthreaded = 0;
    for (const post of changed) {
      const root = findThreadRoot(post, graph);
      if (root) roots.set(root.id, root);
      else unthreaded++;
    }
    let newThreads = 0;
    let grownThreads = 0;
    for (const root of roots.values()) {
      const { posts: members, gaps } = collectThread(root, graph);
      const outcome = saveThread(buildThread(members, gaps), members, now);
      if (outcome === 'new') newThreads++;
      else if (outcome === 'grown') grownThreads++;
    }
    cache = new Map();
    threadOf = new Map();
    return { posts: changed.length, unchanged, unthreaded, newThreads, grownThreads };
  });

  return {
    ingest: (posts) => ingestBatch(posts),
  };
}
