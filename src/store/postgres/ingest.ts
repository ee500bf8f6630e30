import { buildThread, collectThread, createMemoryPostGraph, findThreadRoot } from '../../core/ingest.ts';
import { bestRank, searchWords, threadSearchText, type Clock, type IngestSummary, type Post, type PostSink, type Thread } from '../../core/index.ts';
import type { Sql, TransactionSql } from './connect.ts';
import { NO_KEYS, replaceTagLinks } from './tag-links.ts';

/** The same shift as SQLite's ingest.ts (about 3,000 years): undated threads sort below every dated one. */
const UNDATED_SHIFT_MS = 1e14;

/**
 * Ingest batches run one at a time across every replica (a transaction-level advisory lock): the
 * unroller reads the threads it rewrites, and two batches touching one thread must not interleave.
 * Only the replica polling a source and `spool import` write posts, so the lock is rarely waited on.
 */
const INGEST_LOCK = 0x5370_6f6f_6c00_02n;

interface ClosureRow {
  id: string;
  thread_id: string | null;
  body: string;
}

interface ThreadRow {
  seq: number;
  id: string;
  first_seen_at: number;
  grown_at: number;
  stored_count: number;
  body: string;
}

/**
 * Every stored post the unroller may ask about for these posts, in one recursive query: their parents
 * and conversation roots (up), and the same author's replies and conversation members (down), followed
 * only along one author's posts — a parent by someone else ends a thread, so it is read but not followed.
 */
async function closureOf(tx: TransactionSql, ids: readonly string[]): Promise<ClosureRow[]> {
  return tx<ClosureRow[]>`
    WITH RECURSIVE closure (id, author_id, reply_to_id, conversation_id, follow) AS (
      SELECT id, author_id, reply_to_id, conversation_id, true FROM posts WHERE id = ANY(${tx.array([...ids])}::text[])
      UNION
      SELECT n.id, n.author_id, n.reply_to_id, n.conversation_id, n.author_id = c.author_id
      FROM closure c CROSS JOIN LATERAL (
        SELECT id, author_id, reply_to_id, conversation_id FROM posts WHERE id = c.reply_to_id
        UNION ALL SELECT id, author_id, reply_to_id, conversation_id FROM posts WHERE id = c.conversation_id
        UNION ALL SELECT id, author_id, reply_to_id, conversation_id FROM posts WHERE reply_to_id = c.id AND author_id = c.author_id
        UNION ALL SELECT id, author_id, reply_to_id, conversation_id FROM posts WHERE conversation_id = c.id AND author_id = c.author_id
      ) AS n
      WHERE c.follow
    )
    SELECT p.id, p.thread_id, p.body FROM posts p WHERE p.id IN (SELECT id FROM closure)`;
}

/**
 * The PostgreSQL post sink: the same unrolling as SQLite's (the core's rules over a graph of the posts
 * that matter, read in one query), threads, tag links, co-occurrence and search words kept in step in
 * one transaction per batch. Importing the same posts twice writes nothing the second time.
 */
export function createPostgresPostSink(sql: Sql, clock: Clock): PostSink {
  return {
    async ingest(batch) {
      if (batch.length === 0) return { posts: 0, unchanged: 0, unthreaded: 0, newThreads: 0, grownThreads: 0 };
      return sql.begin(async (tx) => {
        await tx`SELECT pg_advisory_xact_lock(${INGEST_LOCK.toString()}::bigint)`;
        return ingestBatch(tx, batch, clock.now().getTime());
      });
    },
  };
}

async function ingestBatch(tx: TransactionSql, batch: readonly Post[], now: number): Promise<IngestSummary> {
  // One row per id (the last one given wins); a repeated id counts as unchanged.
  const byId = new Map<string, Post>();
  for (const post of batch) byId.set(post.id, post);
  let unchanged = batch.length - byId.size;

  // An undated post keeps the time it was first stored with: that is when Spool first saw it.
  const undated = [...byId.values()].filter((p) => p.undated).map((p) => p.id);
  if (undated.length > 0) {
    for (const row of await tx<{ id: string; body: string }[]>`SELECT id, body FROM posts WHERE id = ANY(${tx.array(undated)}::text[])`) {
      const post = byId.get(row.id);
      const stored = JSON.parse(row.body) as Post;
      if (post && stored.createdAt !== post.createdAt) byId.set(row.id, { ...post, createdAt: stored.createdAt });
    }
  }

  const posts = [...byId.values()];
  // A changed body is the only reason to touch a stored post; RETURNING names the new or changed ones.
  const written = await tx<{ id: string }[]>`
    INSERT INTO posts (id, author_id, reply_to_id, conversation_id, body)
    SELECT * FROM unnest(${tx.array(posts.map((p) => p.id))}::text[], ${tx.array(posts.map((p) => p.author.id))}::text[],
                         ${tx.array(posts.map((p) => p.replyToId ?? null))}::text[], ${tx.array(posts.map((p) => p.conversationId ?? null))}::text[],
                         ${tx.array(posts.map((p) => JSON.stringify(p)))}::text[])
    ON CONFLICT (id) DO UPDATE SET body = excluded.body, reply_to_id = excluded.reply_to_id, conversation_id = excluded.conversation_id
    WHERE posts.body <> excluded.body
    RETURNING id`;
  const changedIds = new Set(written.map((r) => r.id));
  const changed = posts.filter((p) => changedIds.has(p.id));
  unchanged += posts.length - changed.length;
  if (changed.length === 0) return { posts: 0, unchanged, unthreaded: 0, newThreads: 0, grownThreads: 0 };

  const rows = await closureOf(
    tx,
    changed.map((p) => p.id),
  );
  const threadOf = new Map<string, string | null>(rows.map((r) => [r.id, r.thread_id]));
  const graph = createMemoryPostGraph([...changed, ...rows.map((r) => JSON.parse(r.body) as Post)]);

  const roots = new Map<string, Post>();
  let unthreaded = 0;
  for (const post of changed) {
    const root = findThreadRoot(post, graph);
    if (root) roots.set(root.id, root);
    else unthreaded++;
  }

  const candidates = [...new Set([...roots.keys(), ...[...threadOf.values()].filter((id): id is string => id !== null)])];
  const threads = new Map<string, ThreadRow>();
  if (candidates.length > 0) {
    for (const row of await tx<ThreadRow[]>`
      SELECT seq, id, first_seen_at, grown_at, stored_count, body FROM threads WHERE id = ANY(${tx.array(candidates)}::text[])`) {
      threads.set(row.id, row);
    }
  }
  const moves = new Map<string, string>();
  const context: SaveContext = { tx, now, threads, threadOf, moves };
  let newThreads = 0;
  let grownThreads = 0;
  for (const root of roots.values()) {
    const { posts: members, gaps } = collectThread(root, graph);
    const outcome = await saveThread(context, buildThread(members, gaps), members);
    if (outcome === 'new') newThreads++;
    else if (outcome === 'grown') grownThreads++;
  }
  if (moves.size > 0) {
    await tx`
      UPDATE posts SET thread_id = m.thread_id
      FROM unnest(${tx.array([...moves.keys()])}::text[], ${tx.array([...moves.values()])}::text[]) AS m (id, thread_id)
      WHERE posts.id = m.id`;
  }
  return { posts: changed.length, unchanged, unthreaded, newThreads, grownThreads };
}

interface SaveContext {
  readonly tx: TransactionSql;
  readonly now: number;
  /** Threads read or written in this batch, by id (a merged-away thread is removed). */
  readonly threads: Map<string, ThreadRow>;
  /** The thread each post of the closure is stored under (null: none yet). */
  readonly threadOf: Map<string, string | null>;
  /** Posts whose thread changed in this batch: written in one statement at the end. */
  readonly moves: Map<string, string>;
}

/** Stores one unrolled thread, folding in the threads its posts were unrolled into before (the missing middle arrived). */
async function saveThread(ctx: SaveContext, thread: Thread, members: readonly Post[]): Promise<'new' | 'grown' | 'same'> {
  const { tx, now, threads, threadOf } = ctx;
  const existing = threads.get(thread.id);
  let firstSeenAt = existing?.first_seen_at ?? now;
  let merged = false;
  for (const post of members) {
    const previous = threadOf.get(post.id) ?? null;
    if (previous && previous !== thread.id) {
      const old = threads.get(previous);
      if (old) {
        firstSeenAt = Math.min(firstSeenAt, old.first_seen_at);
        merged = true;
        await replaceTagLinks(tx, old.seq, [], NO_KEYS);
        await tx`DELETE FROM threads WHERE seq = ${old.seq}`;
        threads.delete(previous);
      }
    }
    if (previous !== thread.id) {
      ctx.moves.set(post.id, thread.id);
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
    await tx`
      UPDATE threads SET lang = ${thread.lang}, created_at = ${createdAt}, best_rank = ${rank}, stored_count = ${thread.storedCount},
        first_seen_at = ${firstSeenAt}, grown_at = ${grownAt}, body = ${body}
      WHERE seq = ${existing.seq}`;
    seq = existing.seq;
    outcome = grew ? 'grown' : 'same';
  } else {
    const [row] = await tx<{ seq: number }[]>`
      INSERT INTO threads (id, lang, created_at, best_rank, stored_count, first_seen_at, grown_at, body)
      VALUES (${thread.id}, ${thread.lang}, ${createdAt}, ${rank}, ${thread.storedCount}, ${firstSeenAt}, ${grownAt}, ${body})
      RETURNING seq`;
    seq = row?.seq as number;
    outcome = merged ? 'grown' : 'new';
  }
  threads.set(thread.id, { seq, id: thread.id, first_seen_at: firstSeenAt, grown_at: grownAt, stored_count: thread.storedCount, body });
  await writeSearchWords(tx, seq, thread);
  await replaceTagLinks(tx, seq, thread.hashtags, { lang: thread.lang, createdAt, bestRank: rank, changedAt: grownAt, storedCount: thread.storedCount });
  return outcome;
}

/** The thread's words, accents removed by `unaccent`, as the lexemes a search must all find. */
export async function writeSearchWords(tx: TransactionSql | Sql, seq: number, thread: Parameters<typeof threadSearchText>[0]): Promise<void> {
  const words = searchWords(threadSearchText(thread)).join(' ');
  await tx`
    INSERT INTO thread_words (seq, words)
    VALUES (${seq}, array_to_tsvector(array_remove(string_to_array(unaccent(${words}), ' '), '')))
    ON CONFLICT (seq) DO UPDATE SET words = excluded.words`;
}
