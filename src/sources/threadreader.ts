import { createHash } from 'node:crypto';
import { normalizeHashtag, parseHashtagArgument, postSchema, type Post } from '../core/index.ts';
import type { ImportContext, ImportFormat, ImportIssue, ParsedImport } from './import-format.ts';

/**
 * The text of a Thread Reader App hashtag page ("Discover and read the best of … Threads about #tag",
 * "Most recents (N)", then blocks each ending in "Read N tweets"). The page shows each thread's first
 * posts and its full length; authors and dates are not in the text.
 */
const HEADER = /^Discover and read the best of .*?Threads about\s+#(\S+)/imu;
const LIST_START = /^Most recents\s*\((\d+)\)\s*$/imu;
const BLOCK_END = /^Read (\d+) (?:tweets?|posts?)\s*$/iu;
const PAGE_END = /^(Related hashtags|Did Thread Reader help you today\?)\s*$/iu;
const POST_START = /^\(?\d+\s*\/\s*(?:\d+|n)\)/u;
/** A "3/18" or "(3/n)" counter at the very end; tried on the last few characters only. */
const COUNTER_END = /\(?\d+\s*\/\s*(?:\d+|n)\)?$/u;
const COUNTER_TAIL = 24;

/**
 * The trailing "Image Image" markers of a post: how many, and the text before them. A loop over
 * the end of the string rather than a regex anchored with `$`: `/(?:\s*Image)+\s*$/` retries from
 * every position of a line of spaces, which made one 40,000-space line cost 12 s (issue 12).
 */
function splitImageMarkers(text: string): { text: string; images: number } {
  let rest = text.trimEnd();
  let images = 0;
  while (rest.endsWith('Image')) {
    rest = rest.slice(0, -'Image'.length).trimEnd();
    images++;
  }
  return { text: rest, images };
}

/** A post ends with a link cut short, image markers, or a "3/18" counter. */
function endsPost(line: string): boolean {
  const text = line.trimEnd();
  return text.endsWith('…') || splitImageMarkers(text).images > 0 || COUNTER_END.test(text.slice(-COUNTER_TAIL));
}

export const threadReaderFormat: ImportFormat = {
  name: 'threadreader',
  detect: (head) => HEADER.test(head) || (LIST_START.test(head) && /^Read \d+ tweets/mu.test(head)),
  parse: parseThreadReaderPage,
};

export function parseThreadReaderPage(text: string, context: ImportContext): ParsedImport {
  const issues: ImportIssue[] = [];
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  const headerTag = HEADER.exec(text)?.[1];
  const tagInput = context.tag ?? headerTag;
  const tag = tagInput === undefined ? undefined : parseHashtagArgument(tagInput);
  if (!tag?.ok) {
    issues.push({ file: context.file, line: 1, reason: 'the page names no hashtag: pass --tag' });
    return { posts: [], issues };
  }
  let start = lines.findIndex((l) => LIST_START.test(l));
  start = start === -1 ? 0 : start + 1;

  const posts: Post[] = [];
  let block: { line: number; text: string }[] = [];
  let blockIndex = 0;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (PAGE_END.test(line.trim())) break;
    const end = BLOCK_END.exec(line.trim());
    if (!end) {
      if (block.length > 0 || line.trim() !== '') block.push({ line: i + 1, text: line });
      continue;
    }
    const declared = Number(end[1]);
    const firstLine = block[0]?.line ?? i + 1;
    const texts = fitToDeclared(splitPosts(block.map((b) => b.text)), declared);
    block = [];
    if (texts.length === 0 || declared < 1) {
      issues.push({ file: context.file, line: firstLine, reason: 'a thread block with no text before "Read N tweets"' });
      continue;
    }
    posts.push(...blockPosts(texts, declared, blockIndex++, tag.value, context));
  }
  const leftover = block.filter((b) => b.text.trim() !== '');
  if (leftover[0]) {
    issues.push({ file: context.file, line: leftover[0].line, reason: 'a thread block without its "Read N tweets" line' });
  }
  return { posts, issues };
}

/** Lines of a block into posts: a post ends where a line ends like a tweet does. */
function splitPosts(lines: readonly string[]): string[] {
  const posts: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    const text = current.join('\n').trim();
    if (text !== '') posts.push(text);
    current = [];
  };
  // Whether `current` holds any text yet: kept as a flag, not re-scanned per line.
  let started = false;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (POST_START.test(trimmed) && started) {
      flush();
      started = false;
    }
    current.push(line);
    started ||= trimmed !== '';
    // A blank line after it means the same post goes on with another paragraph.
    const next = lines[i + 1];
    if (endsPost(trimmed) && next !== undefined && next.trim() !== '') {
      flush();
      started = false;
    }
  });
  flush();
  return posts;
}

/** The page never shows more posts than it declares: surplus pieces were one post split too eagerly. */
function fitToDeclared(texts: string[], declared: number): string[] {
  if (declared < 1 || texts.length <= declared) return texts;
  return [...texts.slice(0, declared - 1), texts.slice(declared - 1).join('\n')];
}

function blockPosts(texts: readonly string[], declared: number, index: number, tag: string, context: ImportContext): Post[] {
  // Ids from the first post's text: the same page imported twice yields the same ids.
  const key = createHash('sha256').update(`${tag}\n${texts[0] ?? ''}`).digest('base64url').slice(0, 16);
  const authorId = `threadreader:${key}`;
  // The page lists the most recent first: earlier blocks get later times so that "recent" keeps its order.
  const rootTime = context.fileDate.getTime() - index * 60_000;
  return texts.map((raw, position) => {
    const { text: body, images: media } = splitImageMarkers(raw);
    const text = body.trim();
    const id = position === 0 ? `threadreader:${key}` : `threadreader:${key}/${position + 1}`;
    const previous = position === 1 ? `threadreader:${key}` : `threadreader:${key}/${position}`;
    // Through the schema like every other source's posts: whatever the text held comes out well-formed.
    return postSchema.parse({
      id,
      source: 'threadreader',
      author: { id: authorId, handle: 'unknown', name: '', bot: false },
      text,
      createdAt: new Date(rootTime + position * 1000).toISOString(),
      url: '',
      isRepost: false,
      extraHashtags: [normalizeHashtag(tag)],
      media,
      metrics: { likes: 0, reposts: 0, replies: 0 },
      ...(position === 0 ? { declaredThreadLength: declared } : { replyToId: previous, replyToAuthorId: authorId }),
    } satisfies Post);
  });
}
