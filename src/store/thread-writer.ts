import { bestRank } from '../core/index.ts';
import type { BatchGraph, KnownPost } from './batch-graph.ts';
import type { Db } from './db.ts';
import { encodeThread, headHashtags } from './thread-codec.ts';
import type { Assignment, BuiltThread } from './thread-assignment.ts';
import type { createTagLinks, ThreadLinks } from './tag-links.ts';

interface StoredThreadRow {
  seq: number;
  id: string;
  lang: string;
  created_at: number;
  stored_count: number;
  first_seen_at: number;
  grown_at: number;
  head: string;
  rest: string;
}

/**
 * How far below every dated thread an undated one sorts (about 3,000 years): a thread whose source
 * gave no time (its createdAt is when Spool first saw it) must not pass for the newest in `recent`
 * nor gain the freshness `best` gives. Among themselves, undated threads keep the order they were seen in.
 */
export const UNDATED_SHIFT_MS = 1e14;

const COLUMNS = 'seq, id, lang, created_at, stored_count, first_seen_at, grown_at, head, rest';

/** A thread row's written columns, by parameter name. */
interface ThreadColumns {
  lang: string;
  createdAt: number;
  bestRank: number;
  storedCount: number;
  firstSeenAt: number;
  grownAt: number;
  head: string;
  rest: string;
}

/** Where a post row sits: its thread, and its parent or conversation when it is "loose" (see BatchGraph). */
interface PostColumns {
  threadSeq: number | null;
  looseParent: string | null;
  looseConversation: string | null;
}

/** The full-text document of a thread: its posts, its hashtags as words, and one `tagid<N>` token per tag for tag-scoped search. */
export function searchDocument(built: BuiltThread, tagIds: readonly number[]): string {
  const words = built.members.map((p) => p.text).join('\n');
  return `${words}\n${built.thread.hashtags.map((t) => `#${t}`).join(' ')} ${tagIds.map((id) => `tagid${id}`).join(' ')}`;
}

/**
 * Writes what `assignThreads` decided: thread rows (inserted, updated only when they changed, deleted
 * when absorbed), their full-text documents and tag links, then every post whose row is new or
 * differs, once, with its thread and its "loose" flag (see BatchGraph).
 */
export function createThreadWriter(db: Db, links: ReturnType<typeof createTagLinks>) {
  const rowsByIds = db.prepare<[string], StoredThreadRow>(`SELECT ${COLUMNS} FROM threads WHERE id IN (SELECT value FROM json_each(?))`);
  const rowsBySeqs = db.prepare<[string], StoredThreadRow>(`SELECT ${COLUMNS} FROM threads WHERE seq IN (SELECT value FROM json_each(?))`);
  const insertThread = db.prepare<[ThreadColumns & { id: string }]>(`
    INSERT INTO threads (id, lang, created_at, best_rank, stored_count, first_seen_at, grown_at, head, rest)
    VALUES (@id, @lang, @createdAt, @bestRank, @storedCount, @firstSeenAt, @grownAt, @head, @rest)`);
  const updateThread = db.prepare<[ThreadColumns & { seq: number }]>(`
    UPDATE threads SET lang = @lang, created_at = @createdAt, best_rank = @bestRank, stored_count = @storedCount,
      first_seen_at = @firstSeenAt, grown_at = @grownAt, head = @head, rest = @rest
    WHERE seq = @seq`);
  const deleteThread = db.prepare<[number]>('DELETE FROM threads WHERE seq = ?');
  const insertText = db.prepare<[number, string]>('INSERT INTO thread_search (rowid, text) VALUES (?, ?)');
  const deleteText = db.prepare<[number]>('DELETE FROM thread_search WHERE rowid = ?');
  const insertPost = db.prepare<[PostColumns & { id: string; body: string }]>(`
    INSERT INTO posts (id, thread_seq, loose_parent, loose_conversation, body)
    VALUES (@id, @threadSeq, @looseParent, @looseConversation, @body)`);
  // A null body keeps the stored one: the post's place changed, not the post.
  const updatePost = db.prepare<[PostColumns & { seq: number; body: string | null }]>(`
    UPDATE posts SET thread_seq = @threadSeq, loose_parent = @looseParent, loose_conversation = @looseConversation,
      body = COALESCE(@body, body)
    WHERE seq = @seq`);

  function write(graph: BatchGraph, assignment: Assignment, now: number): { newThreads: number; grownThreads: number } {
    const { threads, touched } = assignment;
    const byId = new Map(rowsByIds.all(JSON.stringify([...threads.keys()])).map((row) => [row.id, row]));
    const bySeq = new Map<number, StoredThreadRow>();
    for (const row of byId.values()) bySeq.set(row.seq, row);
    const unread = [...touched].filter((seq) => !bySeq.has(seq));
    if (unread.length > 0) for (const row of rowsBySeqs.all(JSON.stringify(unread))) bySeq.set(row.seq, row);

    const oldTags = new Map<number, readonly string[]>();
    const names: string[] = [];
    for (const row of bySeq.values()) {
      const tags = headHashtags(row.head);
      oldTags.set(row.seq, tags);
      names.push(...tags);
    }
    for (const { thread } of threads.values()) names.push(...thread.hashtags);
    const tagIds = links.resolve(names);
    const idsOf = (tags: readonly string[]): number[] => tags.map((t) => tagIds.get(t) ?? 0);
    const linksOf = (row: StoredThreadRow): ThreadLinks => ({
      seq: row.seq,
      tagIds: idsOf(oldTags.get(row.seq) ?? []),
      lang: row.lang,
      createdAt: row.created_at,
      bestRank: 0,
      changedAt: 0,
      storedCount: 0,
    });
    const batch = links.batch();

    // Stored threads that no rebuilt thread continues (merged into another, or left with no member).
    const seqOfRoot = new Map<string, number>();
    for (const row of bySeq.values()) {
      if (threads.has(row.id)) continue;
      batch.replace(linksOf(row), undefined);
      deleteText.run(row.seq);
      deleteThread.run(row.seq);
    }

    let newThreads = 0;
    let grownThreads = 0;
    for (const [rootId, built] of threads) {
      const { thread, members } = built;
      const existing = byId.get(rootId);
      let firstSeenAt = existing?.first_seen_at ?? now;
      let merged = false;
      for (const member of members) {
        const from = graph.known.get(member.id)?.stored?.threadSeq;
        if (from === undefined || from === null || from === existing?.seq) continue;
        const absorbed = bySeq.get(from);
        if (absorbed) firstSeenAt = Math.min(firstSeenAt, absorbed.first_seen_at);
        merged = true;
      }
      const { head, rest } = encodeThread(thread);
      // The sort key of a thread whose source gave no time: below every dated one (see UNDATED_SHIFT_MS).
      const createdAt = Date.parse(thread.createdAt) - (thread.undated ? UNDATED_SHIFT_MS : 0);
      const rank = bestRank(thread.score, createdAt);
      const grew = existing ? thread.storedCount > existing.stored_count : merged;
      const grownAt = existing && !grew ? existing.grown_at : now;
      const columns: ThreadColumns = { lang: thread.lang, createdAt, bestRank: rank, storedCount: thread.storedCount, firstSeenAt, grownAt, head, rest };
      if (existing) {
        seqOfRoot.set(rootId, existing.seq);
        if (grew) grownThreads++;
        if (existing.head === head && existing.rest === rest && existing.first_seen_at === firstSeenAt) continue;
        updateThread.run({ ...columns, seq: existing.seq });
        deleteText.run(existing.seq);
      } else {
        seqOfRoot.set(rootId, Number(insertThread.run({ ...columns, id: rootId }).lastInsertRowid));
        if (merged) grownThreads++;
        else newThreads++;
      }
      const seq = seqOfRoot.get(rootId) ?? 0;
      const ids = idsOf(thread.hashtags);
      insertText.run(seq, searchDocument(built, ids));
      batch.replace(existing && linksOf(existing), {
        seq,
        tagIds: ids,
        lang: thread.lang,
        createdAt,
        bestRank: rank,
        changedAt: grownAt,
        storedCount: thread.storedCount,
      });
    }
    batch.flush();
    writePosts(graph, assignment, seqOfRoot);
    return { newThreads, grownThreads };
  }

  function writePosts(graph: BatchGraph, { threadOf, touched }: Assignment, seqOfRoot: ReadonlyMap<string, number>): void {
    const threadSeqOf = (known: KnownPost): number | null => {
      const root = threadOf.get(known.post.id);
      if (root !== undefined) return seqOfRoot.get(root) ?? null;
      const before = known.stored?.threadSeq ?? null;
      return before !== null && touched.has(before) ? null : before;
    };
    for (const known of graph.known.values()) {
      const { post, stored, body } = known;
      // A stored, unchanged post outside every thread this batch rebuilt keeps its row as it is.
      if (stored && body === undefined && !threadOf.has(post.id) && !(stored.threadSeq !== null && touched.has(stored.threadSeq))) continue;
      const threadSeq = threadSeqOf(known);
      const parent = post.replyToId === undefined ? undefined : graph.known.get(post.replyToId);
      const attached = threadSeq !== null && parent !== undefined && threadSeqOf(parent) === threadSeq;
      const loose = post.replyToId !== undefined && !post.isRepost && !attached;
      const looseParent = loose ? (post.replyToId ?? null) : null;
      const looseConversation = loose ? (post.conversationId ?? null) : null;
      const place: PostColumns = { threadSeq, looseParent, looseConversation };
      if (!stored) insertPost.run({ ...place, id: post.id, body: body ?? '{}' });
      else if (body !== undefined || threadSeq !== stored.threadSeq || loose !== stored.loose) {
        updatePost.run({ ...place, body: body ?? null, seq: stored.seq });
      }
    }
  }

  return { write };
}
