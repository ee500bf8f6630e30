import { afterEach, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IngestSummary, Post, PostSink } from '../../../src/core/index.ts';
import { fileLines } from '../../../src/app/file-lines.ts';
import { IMPORT_BATCH, IMPORT_TRANSACTION_POSTS, importFiles, MAX_LISTED_ERRORS, type ImportProgress } from '../../../src/app/import-files.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';

let dir: string | undefined;
let db: Db | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const line = (i: number, text = `post ${i} #xinjiang`): string =>
  JSON.stringify({ id: `x:${i}`, source: 'x', author: { id: `a${i % 97}`, handle: `h${i % 97}` }, text, createdAt: '2026-11-20T10:00:00Z' });

/** A sink that records the batches it is given, as the store would receive them. */
function recordingSink(): PostSink & { batches: number[]; ids: string[] } {
  const batches: number[] = [];
  const ids: string[] = [];
  return {
    batches,
    ids,
    async ingest(posts: readonly Post[]): Promise<IngestSummary> {
      batches.push(posts.length);
      for (const post of posts) ids.push(post.id);
      return { posts: posts.length, unchanged: 0, unthreaded: 0, newThreads: posts.length, grownThreads: 0 };
    },
  };
}

describe('spool import, streamed', () => {
  it('a JSONL file of several MiB with multi-byte text across chunk edges → every line read once, in order, with its number', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-stream-'));
    const file = join(dir, 'posts.jsonl');
    // ~2,000-byte lines of three-byte characters: chunk edges (1 MiB) fall inside characters.
    const lines = Array.from({ length: 3_000 }, (_, i) => line(i, `${'可可托海'.repeat(160)} ${i}`));
    writeFileSync(file, `${lines.join('\n')}\n\n`);
    const seen: [number, string][] = [];
    const fd = openSync(file, 'r');
    try {
      for (const { line: text, lineNumber } of fileLines(fd)) seen.push([lineNumber, text]);
    } finally {
      closeSync(fd);
    }
    expect(seen).toHaveLength(3_000);
    expect(seen.every(([n, text], i) => n === i + 1 && text === lines[i])).toBe(true);
  });

  it('a JSONL file larger than a batch → stored batch by batch while the file is still being read, progress in bytes up to the size', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-stream-'));
    const file = join(dir, 'posts.jsonl');
    const count = 2 * IMPORT_BATCH + 123;
    const lines = Array.from({ length: count }, (_, i) => line(i));
    lines.splice(5, 0, '{not json');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const sink = recordingSink();
    const progress: ImportProgress[] = [];
    const report = await importFiles(sink, [file], { format: 'auto', onProgress: (p) => progress.push(p) });
    expect(sink.batches).toEqual([IMPORT_BATCH, IMPORT_BATCH, 123]);
    expect(sink.ids).toHaveLength(count);
    expect(new Set(sink.ids).size).toBe(count);
    expect(report).toMatchObject({ posts: count, skipped: 1, errors: [{ file, line: 6, reason: 'not valid JSON' }] });
    const size = readFileSync(file).length;
    expect(progress[0]?.bytes).toBeLessThan(size); // the first batch was stored before the end of the file
    expect(progress.at(-1)).toEqual({ bytes: size, totalBytes: size, posts: count });
    expect(progress.map((p) => p.bytes)).toEqual([...progress.map((p) => p.bytes)].sort((a, b) => a - b));
  });

  it('a group of transactions → a commit every IMPORT_TRANSACTION_POSTS posts and at the end, the rest stored batch by batch', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-stream-'));
    const file = join(dir, 'posts.jsonl');
    const count = 2 * IMPORT_TRANSACTION_POSTS + 7;
    writeFileSync(file, Array.from({ length: count }, (_, i) => line(i)).join('\n'));
    const events: string[] = [];
    const sink = recordingSink();
    const group = {
      begin: async () => void events.push('begin'),
      commit: async () => void events.push(`commit@${sink.ids.length}`),
      rollback: async () => void events.push('rollback'),
    };
    await importFiles(sink, [file], { format: 'jsonl', group });
    expect(events).toEqual(['begin', `commit@${IMPORT_TRANSACTION_POSTS}`, 'begin', `commit@${2 * IMPORT_TRANSACTION_POSTS}`, 'begin', `commit@${count}`]);
    expect(Math.max(...sink.batches)).toBe(IMPORT_BATCH);
  });

  it('the store failing in the middle of a group → the open group rolled back, the error passed on', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-stream-'));
    const file = join(dir, 'posts.jsonl');
    writeFileSync(file, Array.from({ length: 3 * IMPORT_BATCH }, (_, i) => line(i)).join('\n'));
    const events: string[] = [];
    let calls = 0;
    const failing: PostSink = {
      ingest: async (posts) => {
        if (++calls === 2) throw new Error('disk full');
        return { posts: posts.length, unchanged: 0, unthreaded: 0, newThreads: 0, grownThreads: 0 };
      },
    };
    const group = {
      begin: async () => void events.push('begin'),
      commit: async () => void events.push('commit'),
      rollback: async () => void events.push('rollback'),
    };
    await expect(importFiles(failing, [file], { format: 'jsonl', group })).rejects.toThrow('disk full');
    expect(events).toEqual(['begin', 'rollback']);
  });

  it('the SQLite store grouping batches → every post stored once; nothing left open', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-stream-'));
    const file = join(dir, 'posts.jsonl');
    const count = IMPORT_BATCH + 50;
    writeFileSync(file, Array.from({ length: count }, (_, i) => line(i)).join('\n'));
    db = openDatabase(join(dir, 'spool.db'));
    const stores = createSqliteStores(db, { now: () => new Date('2026-11-23T12:00:00Z') });
    const report = await importFiles(stores.posts, [file], { format: 'jsonl', group: stores.importGroup?.() });
    expect(report).toMatchObject({ posts: count, newThreads: count });
    expect(db.inTransaction).toBe(false);
    expect(await stores.stats()).toMatchObject({ posts: count, threads: count });
  });

  it('a file of bad lines → all counted, the first ones listed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-stream-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, Array.from({ length: MAX_LISTED_ERRORS + 50 }, () => '{oops').join('\n'));
    const report = await importFiles(recordingSink(), [file], { format: 'jsonl' });
    expect(report.skipped).toBe(MAX_LISTED_ERRORS + 50);
    expect(report.errors).toHaveLength(MAX_LISTED_ERRORS);
  });

  it('saved X answers one per line with --format x → every page read, a bad line reported with its number', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-stream-'));
    const page = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/sources/x-search-recent.json', import.meta.url)), 'utf8')) as unknown;
    const file = join(dir, 'pages.ndjson');
    writeFileSync(file, `${JSON.stringify(page)}\n[not json\n${JSON.stringify(page)}\n`);
    db = openDatabase(':memory:');
    const stores = createSqliteStores(db, { now: () => new Date('2026-11-23T12:00:00Z') });
    const report = await importFiles(stores.posts, [file], { format: 'x' });
    expect(report.posts).toBe(6); // the same three posts twice: stored once
    expect(report.errors.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(report.errors[1]?.reason).toMatch(/^not valid JSON/u);
    expect((await stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 5 })).threads[0]?.posts).toHaveLength(3);
  });
});
