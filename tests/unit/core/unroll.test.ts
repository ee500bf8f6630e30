import { describe, expect, it } from 'vitest';
import { unroll } from '../../../src/core/ingest.ts';
import { makeChain, makePost } from '../../support/posts.ts';

describe('unroll', () => {
  it('a self-reply chain → one thread in order', () => {
    const [thread, ...rest] = unroll(makeChain('t', 3));
    expect(rest).toEqual([]);
    expect(thread?.id).toBe('x:t1');
    expect(thread?.posts.map((p) => p.id)).toEqual(['x:t1', 'x:t2', 'x:t3']);
    expect(thread?.postCount).toBe(3);
  });

  it('posts arriving out of order → the same thread', () => {
    const chain = makeChain('t', 4);
    const shuffled = [chain[2], chain[0], chain[3], chain[1]].filter((p) => p !== undefined);
    expect(unroll(shuffled).map((t) => t.posts.map((p) => p.id))).toEqual([['x:t1', 'x:t2', 'x:t3', 'x:t4']]);
  });

  it("a reply from another account and the author's reply to it → not part of the thread", () => {
    const chain = makeChain('t', 2, 'a1');
    const other = makePost({ id: 'x:o1', author: { id: 'b2', handle: 'b', name: '' }, replyToId: 'x:t2', replyToAuthorId: 'a1' });
    const answer = makePost({ id: 'x:t-answer', author: { id: 'a1', handle: 'a', name: '' }, replyToId: 'x:o1', replyToAuthorId: 'b2' });
    const threads = unroll([...chain, other, answer]);
    expect(threads).toHaveLength(1);
    expect(threads[0]?.posts.map((p) => p.id)).toEqual(['x:t1', 'x:t2']);
  });

  it('a repost → no thread', () => {
    expect(unroll([makePost({ id: 'x:r1', isRepost: true })])).toEqual([]);
  });

  it('a missing middle post (with a conversation id) → one thread, the gap counted, nothing invented', () => {
    const [first, , third] = makeChain('t', 3, 'a1', { conversationId: 'x:t1' });
    const threads = unroll([first, third].filter((p) => p !== undefined));
    expect(threads).toHaveLength(1);
    expect(threads[0]?.posts.map((p) => p.id)).toEqual(['x:t1', 'x:t3']);
    expect(threads[0]?.storedCount).toBe(2);
    expect(threads[0]?.postCount).toBe(3);
  });

  it('a missing middle post without a conversation id → the tail stands alone with its gap, no merging by guess', () => {
    const [first, , third] = makeChain('t', 3);
    const threads = unroll([first, third].filter((p) => p !== undefined));
    expect(threads.map((t) => [t.id, t.storedCount, t.postCount])).toEqual([
      ['x:t1', 1, 1],
      ['x:t3', 1, 2],
    ]);
  });

  it("a reply to someone else's post that is not stored → no thread", () => {
    expect(unroll([makePost({ id: 'x:q', replyToId: 'x:elsewhere', replyToAuthorId: 'zz' })])).toEqual([]);
  });

  it("hashtags → the union of the posts' tags plus the import's own tag", () => {
    const chain = makeChain('t', 2);
    const tagged = [
      { ...chain[0]!, text: 'start #Xinjiang' },
      { ...chain[1]!, text: 'more on #可可托海', extraHashtags: ['page'] },
    ];
    expect(unroll(tagged)[0]?.hashtags).toEqual(['xinjiang', '可可托海', 'page']);
  });

  it('a declared length larger than what is stored → postCount is the declared length', () => {
    const [first] = makeChain('t', 1, 'a1', { declaredThreadLength: 18 });
    const thread = unroll([first!])[0];
    expect([thread?.postCount, thread?.storedCount]).toEqual([18, 1]);
  });

  it('a reply cycle in hostile input → terminates', () => {
    const a = makePost({ id: 'x:c1', replyToId: 'x:c2', replyToAuthorId: 'a1' });
    const b = makePost({ id: 'x:c2', replyToId: 'x:c1', replyToAuthorId: 'a1' });
    const threads = unroll([a, b]);
    expect(threads.length).toBeGreaterThan(0);
    expect(new Set(threads.flatMap((t) => t.posts.map((p) => p.id)))).toEqual(new Set(['x:c1', 'x:c2']));
  });
});
