import { createHash } from 'node:crypto';
import { normalizeHashtag, parseHashtagArgument, postSchema, type Post } from '../core/index.ts';
import type { ImportContext, ImportFormat, ImportIssue, ParsedImport } from './import-format.ts';

/**
 * The text of a Thread Reader App hashtag page ("Discover and read the best of … Threads about #tag",
 * "Most recents (N)", then blocks each ending in "Read N tweets"). The page shows each thread's first
 * posts and its full length. Its text names no author and no date, and links to nothing, so the
 * posts say only what the page does (docs/adr/0006): no author (`handle` '' and an `origin` naming
 * the page instead), no time (`undated`: the time Spool first saw them, the page's own order kept
 * in the milliseconds), no link unless a thread URL stands on a line of the block.
 */
const HEADER = /^Discover and read the best of .*?Threads about\s+#(\S+)/imu;
const LIST_START = /^Most recents\s*\((\d+)\)\s*$/imu;
const BLOCK_END = /^Read (\d+) (?:tweets?|posts?)\s*$/iu;
const PAGE_END = /^(Related hashtags|Did Thread Reader help you today\?)\s*$/iu;
/** A "3/18", "(2/n)" counter: at a line's end (before "…" and image markers) or its start. */
const COUNTER_AT_END = /(?:^|\s)\(?(\d{1,3}) ?\/ ?(\d{1,3}|n)\)?$/u;
const COUNTER_AT_START = /^\(?(\d{1,3}) ?\/ ?(\d{1,3}|n)\)?(?:\s|$)/u;
/** A list item goes on the post above it ("I can confirm that\n- there is no permit …"). */
const LIST_ITEM = /^\s*(?:[-•*–]|\d{1,2}[.)])\s/u;
/** A thread's own address, alone on a line: the one link the page text can give. */
const THREAD_URL = /^https:\/\/(?:threadreaderapp\.com\/thread\/\d{1,25}(?:\.html)?|(?:www\.)?(?:x|twitter)\.com\/\w{1,15}\/status\/\d{1,25})$/u;

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
    const url = block.map((b) => b.text.trim()).find((l) => THREAD_URL.test(l)) ?? '';
    const texts = splitPosts(
      block.map((b) => b.text).filter((l) => !THREAD_URL.test(l.trim())),
      declared,
    );
    block = [];
    if (texts.length === 0 || declared < 1) {
      issues.push({ file: context.file, line: firstLine, reason: 'a thread block with no text before "Read N tweets"' });
      continue;
    }
    const pageTag = headerTag === undefined ? tag.value : normalizeHashtag(headerTag);
    posts.push(...blockPosts({ texts, declared, index: blockIndex++, tag: tag.value, pageTag, url }, context));
  }
  const leftover = block.filter((b) => b.text.trim() !== '');
  if (leftover[0]) {
    issues.push({ file: context.file, line: leftover[0].line, reason: 'a thread block without its "Read N tweets" line' });
  }
  return { posts, issues };
}

/**
 * The trailing "Image Image" markers of a post: how many, and the text before them. A loop over the
 * end of the string rather than a regex anchored with `$`: `/(?:\s*Image)+\s*$/` retries from every
 * position of a line of spaces, which made one 40,000-space line cost 12 s (issue 12).
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

/** A counter's numbers when the line (less its trailing "…" and image markers) ends with one. */
function counterAtEnd(line: string): boolean {
  let rest = line.trim();
  for (let cut = true; cut;) {
    cut = false;
    for (const tail of ['Image', '…']) {
      if (rest.endsWith(tail)) {
        rest = rest.slice(0, -tail.length).trimEnd();
        cut = true;
      }
    }
  }
  return isCounter(COUNTER_AT_END.exec(rest));
}

/** "3/18" is a counter, "24/7" is not: the first number never exceeds the second. */
function isCounter(match: RegExpExecArray | null): boolean {
  return match !== null && (match[2] === 'n' || Number(match[1]) <= Number(match[2]));
}

/**
 * Lines of a block into posts, where the page shows a boundary and nowhere else. Counters ("1/18")
 * are the surest sign: a block that has them is cut only at them. Otherwise each post starts on a
 * new line and its own paragraphs are apart by blank lines, so a line right below another starts a
 * post, unless it is a list item. Should that give more posts than the page says it shows, line
 * breaks were inside posts: the block is cut at counters and posts ending in "…" or images only.
 */
function splitPosts(lines: readonly string[], declared: number): string[] {
  const counters = lines.some((l) => counterAtEnd(l) || isCounter(COUNTER_AT_START.exec(l.trim())));
  const byLines = cut(lines, (line, previous) => (counters ? endsPostByCounter(line, previous) : previous.trim() !== '' && !LIST_ITEM.test(line)));
  if (byLines.length <= declared) return byLines;
  return cut(lines, (line, previous) => endsPostByCounter(line, previous) || (previous.trim() !== '' && /(?:…|Image)\s*$/u.test(previous)));
}

function endsPostByCounter(line: string, previous: string): boolean {
  return isCounter(COUNTER_AT_START.exec(line.trim())) || (previous.trim() !== '' && counterAtEnd(previous));
}

/** Cuts before each non-blank line for which `startsPost(line, the line above)` holds. */
function cut(lines: readonly string[], startsPost: (line: string, previous: string) => boolean): string[] {
  const posts: string[] = [];
  let current: string[] = [];
  // Whether `current` holds any text yet: kept as a flag, not re-scanned per line (a block of many
  // short lines would otherwise cost the square of its length).
  let started = false;
  const flush = (): void => {
    const text = current.join('\n').trim();
    if (text !== '') posts.push(text);
    current = [];
  };
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (line.trim() !== '' && previous !== undefined && started && startsPost(line, previous)) {
      flush();
      started = false;
    }
    current.push(line);
    started ||= line.trim() !== '';
  });
  flush();
  return posts;
}

interface Block {
  readonly texts: readonly string[];
  readonly declared: number;
  /** The block's place on the page, which lists the most recent first. */
  readonly index: number;
  readonly tag: string;
  /** The hashtag the page is about, as its header names it. */
  readonly pageTag: string;
  readonly url: string;
}

function blockPosts(block: Block, context: ImportContext): Post[] {
  const { texts, declared, index, tag, pageTag, url } = block;
  // Ids from the first post's text: the same page imported twice yields the same ids.
  const key = createHash('sha256')
    .update(`${tag}\n${texts[0] ?? ''}`)
    .digest('base64url')
    .slice(0, 16);
  const authorId = `threadreader:${key}`;
  // The page gives no time: the time Spool sees it, the store keeping the first (Post.undated). Only
  // the page's order is encoded, in milliseconds: earlier blocks are more recent, posts follow in order.
  const rootTime = (context.seenAt ?? new Date()).getTime() - index * 1000;
  return texts.map((raw, position) => {
    const { text: body, images: media } = splitImageMarkers(raw);
    const text = body.trim();
    const id = position === 0 ? `threadreader:${key}` : `threadreader:${key}/${position + 1}`;
    const previous = position === 1 ? `threadreader:${key}` : `threadreader:${key}/${position}`;
    // Through the schema like every other source's posts: whatever the text held comes out well-formed.
    return postSchema.parse({
      id,
      source: 'threadreader',
      author: { id: authorId, handle: '', name: '', bot: false },
      origin: `a Thread Reader page about #${pageTag}`,
      text,
      createdAt: new Date(rootTime + position).toISOString(),
      undated: true,
      url: position === 0 ? url : '',
      isRepost: false,
      extraHashtags: [normalizeHashtag(tag)],
      media,
      metrics: { likes: 0, reposts: 0, replies: 0 },
      ...(position === 0 ? { declaredThreadLength: declared } : { replyToId: previous, replyToAuthorId: authorId }),
    } satisfies Post);
  });
}
