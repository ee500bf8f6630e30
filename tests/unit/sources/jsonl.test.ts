import { describe, expect, it } from 'vitest';
import { jsonlFormat } from '../../../src/sources/jsonl.ts';

const context = { file: 'posts.jsonl', fileDate: new Date('2026-11-20T12:00:00Z') };
const good = (id: string) => JSON.stringify({ id, source: 'jsonl', author: { id: 'a', handle: 'a' }, text: 'hi #tag', createdAt: '2026-11-20T10:00:00Z' });

describe('JSONL importer', () => {
  it('valid lines → posts with defaults filled in', () => {
    const { posts, issues } = jsonlFormat.parse(`${good('x:1')}\n\n${good('x:2')}\n`, context);
    expect(issues).toEqual([]);
    expect(posts.map((p) => [p.id, p.media, p.isRepost])).toEqual([
      ['x:1', 0, false],
      ['x:2', 0, false],
    ]);
  });

  it('a line that is not JSON and a line that breaks the schema → skipped with their line numbers', () => {
    const text = [good('x:1'), '{oops', JSON.stringify({ id: 'nocolon', source: 'jsonl' }), good('x:4')].join('\n');
    const { posts, issues } = jsonlFormat.parse(text, context);
    expect(posts.map((p) => p.id)).toEqual(['x:1', 'x:4']);
    expect(issues).toEqual([
      { file: 'posts.jsonl', line: 2, reason: 'not valid JSON' },
      { file: 'posts.jsonl', line: 3, reason: expect.stringMatching(/^id: /u) },
    ]);
  });

  it('--tag → added to every post', () => {
    const { posts } = jsonlFormat.parse(good('x:1'), { ...context, tag: 'extra' });
    expect(posts[0]?.extraHashtags).toEqual(['extra']);
  });
});
