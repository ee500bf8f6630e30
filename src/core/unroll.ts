import { extractHashtags } from './hashtag-extraction.ts';
import { MAX_HASHTAG_LENGTH, normalizeHashtag } from './hashtags.ts';
import { detectLanguage } from './language-detection.ts';
import type { Post } from './post.ts';
import { firstPicture } from './media.ts';
import { threadScore } from './rank.ts';
import { sensitivityOf } from './sensitivity.ts';
import type { Thread } from './thread.ts';

/**
 * What the unroller needs to see of the posts known so far. The store answers it from SQLite,
 * `createMemoryPostGraph` from an array: the rules below are the same for both.
 */
export interface PostGraph {
  get(id: string): Post | undefined;
  /** Posts whose `replyToId` is `id`. */
  childrenOf(id: string): readonly Post[];
  /** Posts of `authorId` in conversation `conversationId` (X): bridges a missing middle post. */
  inConversation(conversationId: string, authorId: string): readonly Post[];
}

const MAX_DEPTH = 10_000; // a guard against reply cycles in hostile input, far above any real thread

/** A reply whose parent is absent but which the source says answers its own author. */
function isSelfReplyWithMissingParent(post: Post, graph: PostGraph): boolean {
  return post.replyToId !== undefined && post.replyToAuthorId === post.author.id && !graph.get(post.replyToId);
}

/**
 * The first post of the thread `post` belongs to, or `undefined` when it belongs to none:
 * a repost, or a reply to somebody else (and so the chain hanging below such a reply).
 */
export function findThreadRoot(post: Post, graph: PostGraph): Post | undefined {
  if (post.isRepost) return undefined;
  let current = post;
  const seen = new Set<string>([post.id]);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (current.replyToId === undefined) return current;
    const parent = graph.get(current.replyToId);
    if (parent) {
      if (parent.author.id !== current.author.id || parent.isRepost) return undefined;
      if (seen.has(parent.id)) return current;
      seen.add(parent.id);
      current = parent;
      continue;
    }
    if (current.replyToAuthorId !== current.author.id) return undefined;
    // A self-reply whose parent we lack: climb to the conversation's first post when it is the author's.
    const convRoot = current.conversationId ? graph.get(current.conversationId) : undefined;
    if (convRoot && convRoot.author.id === current.author.id && !seen.has(convRoot.id) && !convRoot.isRepost) {
      seen.add(convRoot.id);
      current = convRoot;
      continue;
    }
    return current; // the top of what we hold; the gap is counted by collectThread
  }
  return current;
}

/** Every stored post of the thread that starts at `root`, oldest first, and how many gaps it has. */
export function collectThread(root: Post, graph: PostGraph): { posts: Post[]; gaps: number } {
  const authorId = root.author.id;
  const byId = new Map<string, Post>([[root.id, root]]);
  let gaps = isSelfReplyWithMissingParent(root, graph) ? 1 : 0;
  const queue: Post[] = [root];
  const visit = (candidate: Post): void => {
    if (candidate.author.id !== authorId || candidate.isRepost || byId.has(candidate.id)) return;
    byId.set(candidate.id, candidate);
    queue.push(candidate);
  };
  // Posts of the same conversation that hang below a missing post join with a gap noted.
  for (const member of graph.inConversation(root.id, authorId)) {
    if (member.id !== root.id && isSelfReplyWithMissingParent(member, graph) && !byId.has(member.id)) {
      gaps += 1;
      visit(member);
    }
  }
  for (let i = 0; i < queue.length && i < MAX_DEPTH; i++) {
    const post = queue[i];
    if (post) for (const child of graph.childrenOf(post.id)) visit(child);
  }
  const posts = [...byId.values()].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { posts, gaps };
}

/** A stored tag is one a person could type: 1 to 100 characters (a facet or a feed category can claim anything). */
const storable = (tag: string): boolean => tag.length > 0 && (tag.length <= MAX_HASHTAG_LENGTH || [...tag].length <= MAX_HASHTAG_LENGTH);

/** Hashtags a post carries: what the source marked, else what its text shows, plus the import's own. */
export function postHashtags(post: Post): string[] {
  const fromPost = post.hashtags ? post.hashtags.map(normalizeHashtag) : extractHashtags(post.text);
  return [...new Set([...fromPost, ...post.extraHashtags.map(normalizeHashtag)].filter(storable))];
}

/** How much of a thread's text language detection reads: enough to decide, cheap at a million threads. */
const LANGUAGE_SAMPLE_CHARS = 600;

/** The thread made of `posts` (oldest first, as `collectThread` returns them). */
export function buildThread(posts: readonly Post[], gaps: number): Thread {
  const root = posts[0];
  if (!root) throw new RangeError('a thread needs at least one post');
  const last = posts[posts.length - 1] ?? root;
  const hashtags = [...new Set(posts.flatMap(postHashtags))];
  const tagged = posts.find((p) => p.lang !== undefined)?.lang;
  const lang = detectLanguage(
    posts
      .map((p) => p.text)
      .join('\n')
      .slice(0, LANGUAGE_SAMPLE_CHARS),
    tagged,
  );
  const declared = Math.max(0, ...posts.map((p) => p.declaredThreadLength ?? 0));
  const postCount = Math.max(declared, posts.length + gaps);
  const sensitive = sensitivityOf(posts);
  const image = firstPicture(posts);
  return {
    id: root.id,
    source: root.source,
    url: root.url,
    author: { id: root.author.id, handle: root.author.handle, name: root.author.name, ...(root.author.links?.length ? { links: root.author.links } : {}) },
    postCount,
    storedCount: posts.length,
    posts: posts.map((p) => ({
      id: p.id,
      text: p.text,
      createdAt: p.createdAt,
      url: p.url,
      media: Math.max(p.media, p.attachments?.length ?? 0),
      ...(p.attachments?.length ? { attachments: p.attachments } : {}),
    })),
    hashtags,
    lang,
    createdAt: root.createdAt,
    updatedAt: last.createdAt,
    ...(root.undated ? { undated: true } : {}),
    ...(root.origin ? { origin: root.origin } : {}),
    score: threadScore(root.metrics, postCount),
    metrics: root.metrics,
    ...(image ? { image } : {}),
    ...(sensitive ? { sensitive } : {}),
  };
}

/** A PostGraph over posts held in memory (tests, one-shot imports, the benchmark's floor). */
export function createMemoryPostGraph(posts: Iterable<Post>): PostGraph {
  const byId = new Map<string, Post>();
  const children = new Map<string, Post[]>();
  const conversations = new Map<string, Post[]>();
  const push = (map: Map<string, Post[]>, key: string, post: Post): void => {
    const list = map.get(key);
    if (list) list.push(post);
    else map.set(key, [post]);
  };
  for (const post of posts) {
    if (byId.has(post.id)) continue;
    byId.set(post.id, post);
    if (post.replyToId) push(children, post.replyToId, post);
    if (post.conversationId) push(conversations, `${post.conversationId}\u0000${post.author.id}`, post);
  }
  return {
    get: (id) => byId.get(id),
    childrenOf: (id) => children.get(id) ?? [],
    inConversation: (conversationId, authorId) => conversations.get(`${conversationId}\u0000${authorId}`) ?? [],
  };
}

/**
 * Unrolls any set of posts into threads, whatever order they arrived in: each author's
 * self-reply chains, replies to others and reposts left out, missing posts counted, not invented.
 */
export function unroll(posts: readonly Post[]): Thread[] {
  const graph = createMemoryPostGraph(posts);
  const roots = new Map<string, Post>();
  for (const post of posts) {
    const root = findThreadRoot(post, graph);
    if (root) roots.set(root.id, root);
  }
  return [...roots.values()].map((root) => {
    const { posts: members, gaps } = collectThread(root, graph);
    return buildThread(members, gaps);
  });
}
