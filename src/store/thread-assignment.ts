import type { Post, Thread } from '../core/index.ts';
import { buildThread, collectThread, findThreadRoot } from '../core/ingest.ts';
import type { BatchGraph } from './batch-graph.ts';

export interface BuiltThread {
  readonly thread: Thread;
  readonly members: readonly Post[];
}

/** Where a batch puts its posts. */
export interface Assignment {
  /** Threads rebuilt by this batch, by root id (= thread id). */
  readonly threads: ReadonlyMap<string, BuiltThread>;
  /** Post id → the root id of the thread it now belongs to (posts of rebuilt threads only). */
  readonly threadOf: ReadonlyMap<string, string>;
  /** Stored threads whose every member was placed again: a member of these left out of `threadOf` is in no thread now. */
  readonly touched: ReadonlySet<number>;
  /** The batch's new or changed posts that belong to no thread. */
  readonly unthreaded: number;
}

/**
 * Unrolls the threads the batch touches. The changed posts' roots give the threads to rebuild; every
 * stored thread that one of their members (or a changed post, or its child) came from is read whole, and its members that no rebuilt
 * thread took (a thread split by an edit, the rest of a merged one) are unrolled again, until no new
 * stored thread is reached.
 */
export function assignThreads(graph: BatchGraph, changed: readonly Post[]): Assignment {
  const threads = new Map<string, BuiltThread>();
  const threadOf = new Map<string, string>();
  const touched = new Set<number>();
  let unthreaded = 0;
  let pending: readonly Post[] = changed;
  for (let round = 0; pending.length > 0; round++) {
    const reached = new Set<number>();
    const roots = new Map<string, Post>();
    for (const post of pending) {
      // Its own stored thread, and those of its stored children: an orphan tail that waited for this
      // post joins its thread, or, when this post turns out to be in none, is in none either.
      for (const reachedPost of [post, ...graph.childrenOf(post.id)]) {
        const seq = graph.known.get(reachedPost.id)?.stored?.threadSeq;
        if (seq !== undefined && seq !== null) reached.add(seq);
      }
      const root = findThreadRoot(post, graph);
      if (!root) {
        if (round === 0) unthreaded++;
      } else if (!threads.has(root.id)) roots.set(root.id, root);
    }
    for (const root of roots.values()) {
      const { posts: members, gaps } = collectThread(root, graph);
      threads.set(root.id, { thread: buildThread(members, gaps), members });
      for (const member of members) {
        threadOf.set(member.id, root.id);
        const seq = graph.known.get(member.id)?.stored?.threadSeq;
        if (seq !== undefined && seq !== null) reached.add(seq);
      }
    }
    const next: Post[] = [];
    for (const seq of reached) {
      if (touched.has(seq)) continue;
      touched.add(seq);
      for (const member of graph.loadThread(seq)) if (!threadOf.has(member.post.id)) next.push(member.post);
    }
    pending = next;
  }
  return { threads, threadOf, touched, unthreaded };
}
