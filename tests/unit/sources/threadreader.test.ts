import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unroll } from '../../../src/core/ingest.ts';
import { parseThreadReaderPage, threadReaderFormat } from '../../../src/sources/threadreader.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const context = { file: 'page.txt', fileDate: new Date('2026-11-20T12:00:00Z') };

describe('Thread Reader page importer', () => {
  it('a page with four blocks → four threads with their declared lengths and the page tag', () => {
    const parsed = parseThreadReaderPage(fixture('threadreader-page.txt'), context);
    expect(parsed.issues).toEqual([]);
    const threads = unroll(parsed.posts);
    expect(threads.map((t) => t.postCount)).toEqual([7, 5, 12, 2]);
    expect(threads.every((t) => t.hashtags.includes('testtag'))).toBe(true);
    expect(threads[2]?.hashtags).toContain('可可托海');
  });

  it('posts inside a block → split where a post ends (link cut, images, counter), paragraphs kept together', () => {
    const threads = unroll(parseThreadReaderPage(fixture('threadreader-page.txt'), context).posts);
    expect(threads[0]?.posts.map((p) => p.text)).toEqual([
      'First thread opens here about #TestTag and the harvest season in the north.',
      'It goes on with a second post that cites a report…',
    ]);
    expect(threads[0]?.posts[0]?.media).toBe(1);
    expect(threads[1]?.posts).toHaveLength(2);
    expect(threads[1]?.posts[0]?.text).toContain('Le même message continue');
    expect(threads[2]?.posts[0]?.media).toBe(2);
  });

  it('languages → detected per thread (en, fr, zh)', () => {
    const threads = unroll(parseThreadReaderPage(fixture('threadreader-page.txt'), context).posts);
    expect(threads.slice(0, 3).map((t) => t.lang)).toEqual(['en', 'fr', 'zh']);
  });

  it('the page order → kept by the recent sort (earlier blocks are newer)', () => {
    const threads = unroll(parseThreadReaderPage(fixture('threadreader-page.txt'), context).posts);
    const times = threads.map((t) => Date.parse(t.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('the same page parsed twice → the same ids (imports are idempotent)', () => {
    const a = parseThreadReaderPage(fixture('threadreader-page.txt'), context).posts.map((p) => p.id);
    const b = parseThreadReaderPage(fixture('threadreader-page.txt'), context).posts.map((p) => p.id);
    expect(a).toEqual(b);
  });

  it('a block with no text and a block without "Read N" → skipped and reported with their lines; the rest kept', () => {
    const parsed = parseThreadReaderPage(fixture('threadreader-broken.txt'), { ...context, file: 'broken.txt' });
    expect(unroll(parsed.posts)).toHaveLength(1);
    expect(parsed.issues).toEqual([
      { file: 'broken.txt', line: 7, reason: 'a thread block with no text before "Read N tweets"' },
      { file: 'broken.txt', line: 8, reason: 'a thread block without its "Read N tweets" line' },
    ]);
  });

  it('a page without a hashtag and no --tag → one issue, nothing imported; with --tag → imported', () => {
    const text = 'Most recents (1)\n\nSomething.\nRead 2 tweets\n';
    expect(parseThreadReaderPage(text, context)).toMatchObject({ posts: [], issues: [{ line: 1 }] });
    expect(parseThreadReaderPage(text, { ...context, tag: 'given' }).posts[0]?.extraHashtags).toEqual(['given']);
  });

  it('auto-detection → recognises the page', () => {
    expect(threadReaderFormat.detect(fixture('threadreader-page.txt'), 'page.txt')).toBe(true);
    expect(threadReaderFormat.detect('{"id":"x:1"}', 'posts.jsonl')).toBe(false);
  });
});
