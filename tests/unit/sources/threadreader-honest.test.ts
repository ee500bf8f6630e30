import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { summaryEmbed } from '../../../src/platforms/discord/embeds.ts';
import { renderSummary } from '../../../src/platforms/console/render.ts';
import { renderSummaryHtml } from '../../../src/platforms/telegram/summary.ts';
import { summarizeThread, threadToJson, type Post } from '../../../src/core/index.ts';
import { unroll } from '../../../src/core/ingest.ts';
import { importFiles } from '../../../src/app/import-files.ts';
import { parseThreadReaderPage } from '../../../src/sources/threadreader.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { startReader, type Running } from '../../support/web.ts';

/**
 * A Thread Reader page says which threads it lists, their first posts and their length; it names
 * no author, no date and (as text) no link. Spool stores and shows only that.
 */
const NOW = new Date('2026-11-23T20:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'spool-tr-'));
afterAll(async () => rmSync(dir, { recursive: true, force: true }));

const PAGE = [
  'Discover and read the best of Twitter Threads about #xinjiang',
  '',
  'Most recents (3)',
  '',
  'Le osservazioni da parte degli #StatiUniti mancano di fondamento. ImageImage',
  'Queste sono interamente guidate da pregiudizi ideologici.',
  'Il governo cinese protegge la libertà di credo religioso.',
  'Read 9 tweets',
  'My daughter & I went to #Xinjiang for a ski trip.',
  '',
  'I can confirm that',
  '- there is no permit required',
  '- extra info is required in hotels',
  'The flight from Guangzhou was booked on an app.',
  'Read 18 tweets',
  'A growing number of citizens are leaving, a thread. (1/10)…',
  'They call it “runology” (潤學). (2/10)',
  'https://threadreaderapp.com/thread/1620000000000000000.html',
  'Read 11 tweets',
  '',
  'Related hashtags',
].join('\n');

const context = { file: 'page.txt', fileDate: new Date('2023-03-01T00:00:00Z'), seenAt: NOW };

describe('Thread Reader page: only what the page says', () => {
  it('post boundaries → one post per line the page starts, list items kept with their post, counters honoured; nothing swallowed', async () => {
    const threads = unroll(parseThreadReaderPage(PAGE, context).posts);
    expect(threads.map((t) => t.posts.map((p) => p.text))).toEqual([
      [
        'Le osservazioni da parte degli #StatiUniti mancano di fondamento.',
        'Queste sono interamente guidate da pregiudizi ideologici.',
        'Il governo cinese protegge la libertà di credo religioso.',
      ],
      [
        'My daughter & I went to #Xinjiang for a ski trip.\n\nI can confirm that\n- there is no permit required\n- extra info is required in hotels',
        'The flight from Guangzhou was booked on an app.',
      ],
      ['A growing number of citizens are leaving, a thread. (1/10)…', 'They call it “runology” (潤學). (2/10)'],
    ]);
    expect(threads.map((t) => t.postCount)).toEqual([9, 18, 11]);
    expect(threads[0]?.posts[0]?.media).toBe(2);
  });

  it('more pieces by line than the page says it shows → cut only where a post visibly ends', async () => {
    const page = 'Most recents (1)\n\nOne line\nof a post that wraps…\nA second post. Image\nRead 2 tweets\n';
    const [thread] = unroll(parseThreadReaderPage(page, { ...context, tag: 'x' }).posts);
    expect(thread?.posts.map((p) => p.text)).toEqual(['One line\nof a post that wraps…', 'A second post.']);
  });

  it('"24/7" at a line start → not a counter', async () => {
    const page = 'Most recents (1)\n\nNews (1/3)\n24/7 coverage continues here (2/3)\nRead 3 tweets\n';
    const [thread] = unroll(parseThreadReaderPage(page, { ...context, tag: 'x' }).posts);
    expect(thread?.posts).toHaveLength(2);
  });

  it('no author → none invented: an empty handle and where the thread came from', async () => {
    const [thread] = unroll(parseThreadReaderPage(PAGE, context).posts);
    expect(threadToJson(thread!)).toMatchObject({ author: { handle: '', name: '' }, origin: 'a Thread Reader page about #xinjiang', undated: true });
  });

  it('no link on the page → the thread has none; a thread URL on its own line → that is the thread’s link, not text', async () => {
    const threads = unroll(parseThreadReaderPage(PAGE, context).posts);
    expect(threads.map((t) => t.url)).toEqual(['', '', 'https://threadreaderapp.com/thread/1620000000000000000.html']);
    expect(threads[2]?.posts.map((p) => p.text).join('\n')).not.toContain('https://');
  });

  it('no time → the time Spool saw the page, not the file’s date minus minutes', async () => {
    const posts = parseThreadReaderPage(PAGE, context).posts;
    expect(posts.every((p) => p.undated === true)).toBe(true);
    expect(posts.every((p) => Math.abs(Date.parse(p.createdAt) - NOW.getTime()) < 60_000)).toBe(true);
  });
});

describe('Thread Reader threads in the store: sorted and shown honestly', () => {
  let db: Db | undefined;
  afterEach(async () => db?.close());

  function store(now: Date) {
    db = openDatabase(':memory:');
    return createSqliteStores(db, { now: () => now });
  }

  it('a page imported after a dated thread was stored → recent lists the dated thread first, the page’s threads after it in page order', async () => {
    const stores = store(NOW);
    const dated: Post = {
      id: 'jsonl:old-but-dated',
      source: 'jsonl',
      author: { id: 'a', handle: 'dated', name: '', bot: false },
      text: 'A dated post #xinjiang',
      createdAt: '2023-01-05T10:00:00.000Z',
      url: '',
      isRepost: false,
      extraHashtags: [],
      media: 0,
      metrics: { likes: 0, reposts: 0, replies: 0 },
    };
    await stores.posts.ingest([dated]);
    const file = join(dir, 'page.txt');
    writeFileSync(file, PAGE);
    await importFiles(stores.posts, [file], { format: 'threadreader', now: NOW });
    const recent = (await stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 10 })).threads;
    expect(recent.map((t) => t.posts[0]?.text.slice(0, 14))).toEqual(['A dated post #', 'Le osservazion', 'My daughter & ', 'A growing numb']);
    const best = (await stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'best', limit: 10 })).threads;
    expect(best[0]?.id).toBe('jsonl:old-but-dated');
  });

  it('the same page imported again a week later → nothing changes: the first time seen stays', async () => {
    const stores = store(NOW);
    const file = join(dir, 'page-again.txt');
    writeFileSync(file, PAGE);
    await importFiles(stores.posts, [file], { format: 'threadreader', now: NOW });
    const before = (await stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 10 })).threads.map((t) => t.createdAt);
    const again = await importFiles(stores.posts, [file], { format: 'threadreader', now: new Date('2026-11-30T09:00:00Z') });
    expect(again).toMatchObject({ threads: 0, unchanged: 7 });
    expect((await stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 10 })).threads.map((t) => t.createdAt)).toEqual(before);
  });

  it('console, Telegram and Discord cards → say where it came from and when it was seen, with no @handle, no age, no link', async () => {
    const stores = store(NOW);
    await stores.posts.ingest(parseThreadReaderPage(PAGE, context).posts);
    const thread = (await stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 1 })).threads[0]!;
    const item = summarizeThread(thread);
    const later = new Date('2026-11-30T12:00:00Z');
    expect(renderSummary(item, 1, later).split('\n')[0]).toBe('1. From a Thread Reader page about #xinjiang · 🧵 9 posts (3 stored) · it · seen 23 Nov');
    const html = renderSummaryHtml(item, 1, later);
    expect(html).toContain('<i>From a Thread Reader page about #xinjiang</i>');
    expect(html).toContain('seen 23 Nov');
    expect(html).not.toMatch(/@|ago|<a /u);
    const embed = summaryEmbed(item, later);
    expect(embed.author?.name).toBe('From a Thread Reader page about #xinjiang');
    expect(embed.timestamp).toBeUndefined();
    expect(embed.url).toBeUndefined();
    expect(embed.footer?.text).toBe('lang: it · seen 23 Nov');
  });
});

describe('Thread Reader threads on the web reader', () => {
  let reader: Running | undefined;
  afterEach(async () => reader?.close());

  it('tag card → no avatar and no @handle, the page named instead; "seen 23 Nov", not an age', async () => {
    reader = await startReader(parseThreadReaderPage(PAGE, context).posts);
    const page = await (await fetch(`${reader.base}/tag/xinjiang`)).text();
    expect(page).toContain('<span class="name origin">From a Thread Reader page about #xinjiang</span>');
    expect(page).not.toContain('class="avatar');
    expect(page).not.toContain('class="handle"');
    expect(page).toContain('>seen 23 Nov</time>');
    expect(page).not.toMatch(/min ago|h ago/u);
  });

  it('thread page → "N more posts on Thread Reader" links to the thread URL the page gave, and is plain text when it gave none', async () => {
    reader = await startReader(parseThreadReaderPage(PAGE, context).posts);
    const threads = (await reader.stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 10 })).threads;
    const page = async (i: number) => (await fetch(`${reader!.base}/thread/${encodeURIComponent(threads[i]!.id)}`)).text();
    const withoutUrl = await page(0);
    expect(withoutUrl).toContain('<p class="end">6 more posts on Thread Reader</p>');
    expect(withoutUrl).not.toContain('continue reading');
    const withUrl = await page(2);
    expect(withUrl).toContain(
      '9 more posts on Thread Reader · <a href="https://threadreaderapp.com/thread/1620000000000000000.html" rel="nofollow noopener noreferrer">continue reading ↗</a>',
    );
    // Posts of an undated thread show no time of their own.
    expect(/<ol class="posts"[\s\S]*?<\/ol>/u.exec(withUrl)?.[0]).not.toContain('<time');
  });
});
