import { type Clock, type IngestSummary, type Post, type PostSink } from '../core/index.ts';
import { BatchGraph, preparePostReads } from './batch-graph.ts';
import type { Db } from './db.ts';
import { decodePost, encodePost } from './post-codec.ts';
import { createTagLinks } from './tag-links.ts';
import { assignThreads } from './thread-assignment.ts';
import { createThreadWriter } from './thread-writer.ts';
import type { Sync } from './sync.ts';

/** One page of full-text merge work per this many posts stored (a negative 'merge' merges across levels). */
const POSTS_PER_MERGED_PAGE = 300;

/**
 * The SQLite post sink. One transaction per batch, in three steps:
 * 1. read what the batch needs in bulk (its posts as stored, their loose children and conversation members);
 * 2. unroll in memory: the roots of the new or changed posts, their threads, and the threads they take posts from;
 * 3. write each thread row and full-text document once, each post once with its thread, the link rows,
 *    and the counts and pairs summed over the batch.
 * Posts may arrive in any order and in any number of batches: each batch re-unrolls only the threads it touches.
 */
export function createSqlitePostSink(db: Db, clock: Clock): Sync<PostSink> {
  const reads = preparePostReads(db);
  const links = createTagLinks(db);
  const writer = createThreadWriter(db, links);
  // Full-text merge work in proportion to the batch: each batch leaves the index in few segments
  // (docs/benchmarks.md: search 0.63 → 0.23 ms p50 at 100k threads, ingest CPU unchanged).
  const mergeSearchIndex = db.prepare<[number]>("INSERT INTO thread_search (thread_search, rank) VALUES ('merge', ?)");

  const ingestBatch = db.transaction((posts: readonly Post[]): IngestSummary => {
    const incoming = new Map<string, Post>();
    for (const post of posts) incoming.set(post.id, post); // the last copy of an id wins
    let unchanged = posts.length - incoming.size;
    const stored = new Map(reads.byIds.all(JSON.stringify([...incoming.keys()])).map((row) => [row.id, row]));
    // An undated post keeps the time it was first stored with: that is when Spool first saw it.
    for (const [id, post] of incoming) {
      const row = stored.get(id);
      if (!post.undated || !row) continue;
      const first = decodePost(row.id, row.body).createdAt;
      if (first !== post.createdAt) incoming.set(id, { ...post, createdAt: first });
    }
    const graph = new BatchGraph(reads);
    const changed: Post[] = [];
    const conversations = new Set<string>();
    for (const post of incoming.values()) {
      const row = stored.get(post.id);
      const body = encodePost(post);
      // Bodies written by an older version may differ in form only: compare what they decode to.
      if (row && (row.body === body || encodePost(decodePost(row.id, row.body)) === body)) {
        unchanged++;
        graph.addBatchPost(post, row, undefined);
        continue;
      }
      graph.addBatchPost(post, row, body);
      changed.push(post);
      conversations.add(post.id);
      if (post.conversationId !== undefined) conversations.add(post.conversationId);
    }
    if (changed.length === 0) return { posts: 0, unchanged, unthreaded: 0, newThreads: 0, grownThreads: 0 };
    graph.prefetch(
      changed.map((p) => p.id),
      [...conversations],
    );
    const assignment = assignThreads(graph, changed);
    const outcome = writer.write(graph, assignment, clock.now().getTime());
    mergeSearchIndex.run(-Math.ceil(changed.length / POSTS_PER_MERGED_PAGE));
    return { posts: changed.length, unchanged, unthreaded: assignment.unthreaded, ...outcome };
  });

  return {
    ingest: (posts) => ingestBatch(posts),
  };
}
