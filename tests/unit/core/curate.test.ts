import { describe, expect, it } from 'vitest';
import { curateDigest, hashtagCount, identityKeys, sameThread, textSimilarity, type StoredThread } from '../../../src/core/index.ts';

function thread(id: string, source: StoredThread['source'], handle: string, text: string, overrides: Partial<StoredThread> = {}): StoredThread {
  return {
    id,
    source,
    url: `https://example.org/${id}`,
    author: { id: `${source}-${handle}`, handle, name: '' },
    postCount: 1,
    storedCount: 1,
    posts: [{ id, text, createdAt: '2026-11-23T06:00:00.000Z', url: '', media: 0 }],
    hashtags: ['xinjiang'],
    lang: 'en',
    createdAt: '2026-11-23T06:00:00.000Z',
    updatedAt: '2026-11-23T06:00:00.000Z',
    score: 1,
    metrics: { likes: 0, reposts: 0, replies: 0 },
    firstSeenAt: '2026-11-23T06:00:00.000Z',
    grownAt: '2026-11-23T06:00:00.000Z',
    ...overrides,
  };
}

const OPENING = 'Notes from the cotton harvest in Aksu, what the pickers told us 🧵 #xinjiang';

describe('copies and near-duplicates', () => {
  it('similarity ignores links, mentions, hashtags, case and punctuation; different texts score low', () => {
    expect(textSimilarity('Hello WORLD, this is it! https://t.co/x #tag @bob', 'hello world this is it')).toBe(1);
    expect(textSimilarity('A map of the new rail line', 'Reading list on water politics')).toBe(0);
    expect(textSimilarity('可可托海的夏天很美', '可可托海的夏天很美 #新疆')).toBe(1);
  });

  it('hashtags are counted in any script, not inside words or URLs', () => {
    expect(hashtagCount('#a #Ouïghours #可可托海 x#not https://e.org/#frag')).toBe(3);
  });

  it('bridges and linked profiles → one person across networks', () => {
    expect(identityKeys({ source: 'mastodon', author: { handle: 'steppe.bsky.social@bsky.brid.gy' } })).toContain('bluesky:steppe.bsky.social');
    expect(identityKeys({ source: 'bluesky', author: { handle: 'ana.m.example.ap.brid.gy' } })).toContain('mastodon:ana@m.example');
    expect(identityKeys({ source: 'mastodon', author: { handle: 'steppe_notes@bird.makeup' } })).toContain('x:steppe_notes');
    expect(
      identityKeys({ source: 'mastodon', author: { handle: 'ana@m.example', links: ['https://bsky.app/profile/Ana.bsky.social', 'https://ana.example.org'] } }),
    ).toEqual(['mastodon:ana@m.example', 'bluesky:ana.bsky.social']);
  });

  it('same opening on two networks within 48 h → one thread; 3 days apart, the same network, or a short "good morning" → not', () => {
    const x = thread('x:1', 'x', 'steppe_notes', OPENING);
    expect(sameThread(x, thread('bluesky:1', 'bluesky', 'someone.bsky.social', OPENING))).toBe(true);
    expect(sameThread(x, thread('bluesky:2', 'bluesky', 'someone.bsky.social', OPENING, { createdAt: '2026-11-26T06:00:00.000Z' }))).toBe(false);
    expect(sameThread(x, thread('x:2', 'x', 'other', OPENING))).toBe(false);
    expect(sameThread(thread('x:3', 'x', 'a', 'Good morning everyone'), thread('bluesky:3', 'bluesky', 'b', 'Good morning everyone'))).toBe(false);
  });

  it('the same person (a bridged account) with an edited opening → still one thread; a stranger with the same edit → not', () => {
    const bsky = thread('bluesky:1', 'bluesky', 'steppe.bsky.social', OPENING);
    const edited = 'Notes from the cotton harvest near Aksu: what pickers told us this week 🧵';
    expect(sameThread(bsky, thread('mastodon:1', 'mastodon', 'steppe.bsky.social@bsky.brid.gy', edited))).toBe(true);
    expect(sameThread(bsky, thread('mastodon:2', 'mastodon', 'stranger@m.example', edited))).toBe(false);
  });

  it('curation: stuffed hashtags held back, copies one card showing the most complete copy, a ring folded, two per author', () => {
    const ranked = [
      thread('x:stuffed', 'x', 'trend', 'Look #a #b #c #d #e #f #g'),
      thread('bluesky:c', 'bluesky', 'steppe.bsky.social', OPENING, { storedCount: 2, postCount: 2 }),
      thread('x:c', 'x', 'steppe_notes', OPENING, { storedCount: 3, postCount: 3 }),
      ...[0, 1, 2].map((i) => thread(`x:ring${i}`, 'x', `deals_${i}`, `Grow your channel fast: real followers for only $5, order now${'!'.repeat(i + 1)}`)),
      ...[0, 1, 2].map((i) =>
        thread(`x:bot${i}`, 'x', 'newsbot', `Bulletin ${i}: road works ${i * 11}, prices ${i * 13}, weather ${i * 17}, and a new topic ${'abcdefgh'[i]}`),
      ),
    ];
    const { cards, heldBack } = curateDigest(ranked, 10);
    expect(heldBack).toEqual({ hashtags: 1, perAuthor: 1, maxHashtags: 6, maxPerAuthor: 2 });
    expect(cards.map((c) => [c.thread.id, c.alsoOn.map((o) => o.source), c.similar])).toEqual([
      ['x:c', ['bluesky'], 0],
      ['x:ring0', [], 2],
      ['x:bot0', [], 0],
      ['x:bot1', [], 0],
    ]);
    expect(cards[1]?.threadIds).toEqual(['x:ring0', 'x:ring1', 'x:ring2']);
    expect([...(cards[0]?.threadIds ?? [])].sort()).toEqual(['bluesky:c', 'x:c']);
  });
});
