import type { Post } from '../core/index.ts';
import type { PostGraph } from '../core/ingest.ts';
import type { Db } from './db.ts';
import { decodePost } from './post-codec.ts';

/** A `posts` row as the unroller reads it. */
export interface PostRow {
  seq: number;
  id: string;
  thread_seq: number | null;
  loose_parent: string | null;
  body: string;
}

/** A post the batch knows: the version it works with, and how it was stored before (if it was). */
export interface KnownPost {
  readonly post: Post;
  /** The row as stored before this batch; undefined for a post new to the database. */
  readonly stored: { readonly seq: number; readonly threadSeq: number | null; readonly loose: boolean } | undefined;
  /** The encoded body to write: set when the post is new or changed. */
  readonly body: string | undefined;
}

const COLUMNS = 'seq, id, thread_seq, loose_parent, body';
const byIds = `SELECT ${COLUMNS} FROM posts WHERE id IN (SELECT value FROM json_each(?))`;

/** The statements a batch graph reads with; prepared once per sink. */
export function preparePostReads(db: Db) {
  return {
    byIds: db.prepare<[string], PostRow>(byIds),
    byId: db.prepare<[string], PostRow>(`SELECT ${COLUMNS} FROM posts WHERE id = ?`),
    byThread: db.prepare<[number], PostRow>(`SELECT ${COLUMNS} FROM posts WHERE thread_seq = ?`),
    looseByParents: db.prepare<[string], PostRow>(`SELECT ${COLUMNS} FROM posts WHERE loose_parent IN (SELECT value FROM json_each(?))`),
    looseByParent: db.prepare<[string], PostRow>(`SELECT ${COLUMNS} FROM posts WHERE loose_parent = ?`),
    looseByConversations: db.prepare<[string], PostRow>(`SELECT ${COLUMNS} FROM posts WHERE loose_conversation IN (SELECT value FROM json_each(?))`),
  };
}
export type PostReads = ReturnType<typeof preparePostReads>;

/**
 * The unroller's view of one batch: the batch's posts plus every stored post it reaches, read from
 * SQLite in as few statements as possible.
 *
 * Completeness of `childrenOf` rests on one invariant kept by the sink: a stored post is either
 * "attached" (in a thread, below its parent in that same thread) or "loose" (indexed by
 * `loose_parent`). So the stored children of a post are the members of its own thread that reply to
 * it (read with the whole thread) and the loose posts that reply to it (one index range).
 * Likewise a post whose parent is missing is always loose, which is all `inConversation` must find.
 */
export class BatchGraph implements PostGraph {
  readonly known = new Map<string, KnownPost>();
  private readonly absent = new Set<string>();
  private readonly children = new Map<string, string[]>();
  private readonly conversations = new Map<string, string[]>();
  private readonly loadedThreads = new Set<number>();
  /** Stored thread → ids of its members known so far (as stored before this batch). */
  private readonly members = new Map<number, string[]>();
  private readonly looseChildrenRead = new Set<string>();
  private readonly conversationsRead = new Set<string>();

  constructor(private readonly reads: PostReads) {}

  /** A post of the batch (new or changed), or a stored one that the batch repeats unchanged. */
  addBatchPost(post: Post, stored: PostRow | undefined, body: string | undefined): void {
    this.index({ post, stored: stored && storedState(stored), body });
  }

  /** Reads, in three statements, what the batch's own posts will ask: stored children and conversation members. */
  prefetch(ids: readonly string[], conversations: readonly string[]): void {
    for (const row of this.reads.looseByParents.all(JSON.stringify(ids))) this.addRow(row);
    for (const id of ids) this.looseChildrenRead.add(id);
    if (conversations.length > 0) {
      for (const row of this.reads.looseByConversations.all(JSON.stringify(conversations))) this.addRow(row);
      for (const c of conversations) this.conversationsRead.add(c);
    }
  }

  get(id: string): Post | undefined {
    const known = this.known.get(id);
    if (known) return known.post;
    if (this.absent.has(id)) return undefined;
    const row = this.reads.byId.get(id);
    if (!row) {
      this.absent.add(id);
      return undefined;
    }
    return this.addRow(row).post;
  }

  childrenOf(id: string): readonly Post[] {
    const threadSeq = this.known.get(id)?.stored?.threadSeq;
    if (threadSeq !== undefined && threadSeq !== null) this.loadThread(threadSeq);
    if (!this.looseChildrenRead.has(id)) {
      this.looseChildrenRead.add(id);
      for (const row of this.reads.looseByParent.all(id)) this.addRow(row);
    }
    return this.postsOf(this.children.get(id));
  }

  inConversation(conversationId: string, authorId: string): readonly Post[] {
    if (!this.conversationsRead.has(conversationId)) {
      this.conversationsRead.add(conversationId);
      for (const row of this.reads.looseByConversations.all(JSON.stringify([conversationId]))) this.addRow(row);
    }
    return this.postsOf(this.conversations.get(`${conversationId}\u0000${authorId}`));
  }

  /** Every stored member of thread `seq`, now known (the sink re-roots those a rebuild leaves out). */
  loadThread(seq: number): readonly KnownPost[] {
    if (!this.loadedThreads.has(seq)) {
      this.loadedThreads.add(seq);
      for (const row of this.reads.byThread.all(seq)) this.addRow(row);
    }
    const out: KnownPost[] = [];
    for (const id of this.members.get(seq) ?? []) {
      const known = this.known.get(id);
      if (known) out.push(known);
    }
    return out;
  }

  private postsOf(ids: readonly string[] | undefined): Post[] {
    if (!ids) return [];
    const out: Post[] = [];
    for (const id of ids) {
      const known = this.known.get(id);
      if (known) out.push(known.post);
    }
    return out;
  }

  private addRow(row: PostRow): KnownPost {
    const existing = this.known.get(row.id);
    if (existing) return existing; // the batch's own version wins over the stored one
    const known: KnownPost = { post: decodePost(row.id, row.body), stored: storedState(row), body: undefined };
    this.index(known);
    return known;
  }

  private index(known: KnownPost): void {
    const { post } = known;
    this.known.set(post.id, known);
    this.absent.delete(post.id);
    if (post.replyToId !== undefined) addTo(this.children, post.replyToId, post.id);
    if (post.conversationId !== undefined) addTo(this.conversations, `${post.conversationId}\u0000${post.author.id}`, post.id);
    const threadSeq = known.stored?.threadSeq;
    if (threadSeq !== undefined && threadSeq !== null) addTo(this.members, threadSeq, post.id);
  }
}

function storedState(row: PostRow): KnownPost['stored'] {
  return { seq: row.seq, threadSeq: row.thread_seq, loose: row.loose_parent !== null };
}

/** Each post is indexed once (the batch's version, or else the stored one), so lists need no dedupe. */
function addTo<K>(map: Map<K, string[]>, key: K, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
