import { describe, expect, it } from 'vitest';
import { bestRank, type DeliveryTarget } from '../../../../src/core/index.ts';
import { makeChain, makePost } from '../../../support/posts.ts';
import { openWith, type ContractEngine } from './engine.ts';
import { claimInput } from './subscriptions.contract.ts';

const author = (id: string, handle: string, name = '') => ({ id, handle, name });
const tg = (chatId: string, topicId?: string): DeliveryTarget => ({ platform: 'telegram', chatId, topicId });
const daily = { kind: 'daily', time: '09:00', zone: 'UTC' } as const;

/** Issue 16's reads and writes: threads by author, short keys, subscription options, what a chat was shown. */
export function authorContract(engine: ContractEngine): void {
  const stores = (start = '2026-11-23T12:00:00Z') => openWith(engine, start);

  describe(`${engine.name} store contract: authors, short keys, subscription options`, () => {
    it('findAuthors → every author with that handle, any case, per network when named, most threads first', async () => {
      const s = await stores();
      await s.posts.ingest([
        ...makeChain('a', 2, 'x1', { author: author('x1', 'Steppe_Notes', 'Steppe Notes') }),
        makePost({ id: 'x:solo', author: author('x1', 'Steppe_Notes', 'Steppe Notes'), text: 'solo #cotton' }),
        makePost({ id: 'jsonl:b', source: 'jsonl', author: author('j9', 'steppe_notes', 'Someone else'), text: 'imported #cotton' }),
        makePost({
          id: 'mastodon:https://m.example/users/steppe_notes/statuses/1',
          source: 'mastodon',
          author: author('mastodon:https://m.example/@steppe_notes', 'steppe_notes@m.example'),
          text: 'toot #cotton',
        }),
      ]);
      const all = await s.authors.findAuthors({ handle: 'steppe_notes' }, 10);
      expect(all.map((a) => [a.key, a.source, a.id, a.handle, a.name, a.threads])).toEqual([
        ['x|x1', 'x', 'x1', 'Steppe_Notes', 'Steppe Notes', 2],
        ['jsonl|j9', 'jsonl', 'j9', 'steppe_notes', 'Someone else', 1],
      ]);
      expect(await s.authors.findAuthors({ handle: 'steppe_notes' }, 1)).toHaveLength(1);
      expect((await s.authors.findAuthors({ handle: 'steppe_notes', source: 'x' }, 10)).map((a) => a.key)).toEqual(['x|x1']);
      expect((await s.authors.findAuthors({ handle: 'steppe_notes@m.example', source: 'mastodon' }, 10)).map((a) => a.key)).toEqual([
        'mastodon|mastodon:https://m.example/@steppe_notes',
      ]);
      expect(await s.authors.findAuthors({ handle: 'nobody' }, 10)).toEqual([]);
    });

    it('threadsByAuthor → newest (or best) first, paged by a stable cursor; changedThreadsByAuthor → those grown in the window', async () => {
      const s = await stores();
      const posts = Array.from({ length: 7 }, (_, i) =>
        makePost({
          id: `x:t${i}`,
          author: author('x1', 'alice'),
          text: `thread ${i}`,
          createdAt: `2026-11-2${i % 3}T0${i}:00:00.000Z`,
          metrics: { likes: i, reposts: 0, replies: 0 },
        }),
      );
      await s.posts.ingest(posts);
      await s.posts.ingest([makePost({ id: 'x:other', author: author('x2', 'bob'), text: 'not alice' })]);
      const first = await s.authors.threadsByAuthor({ authorKey: 'x|x1', sort: 'recent', limit: 3 });
      expect(first.total).toBe(7);
      expect(first.threads.map((t) => t.createdAt)).toEqual([...first.threads.map((t) => t.createdAt)].sort().reverse());
      const seen = new Set(first.threads.map((t) => t.id));
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await s.authors.threadsByAuthor({ authorKey: 'x|x1', sort: 'recent', limit: 3, cursor });
        for (const t of page.threads) seen.add(t.id);
        cursor = page.nextCursor;
      }
      expect(seen.size).toBe(7);
      const best = await s.authors.threadsByAuthor({ authorKey: 'x|x1', sort: 'best', limit: 10 });
      const ranks = best.threads.map((t) => bestRank(t.score, Date.parse(t.createdAt)));
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      expect(best.threads[0]?.posts.length).toBe(1);
      s.clock.set('2026-11-24T12:00:00Z');
      await s.posts.ingest([makePost({ id: 'x:t0-2', author: author('x1', 'alice'), text: 'more', replyToId: 'x:t0', replyToAuthorId: 'x1' })]);
      const window = { authorKey: 'x|x1', since: new Date('2026-11-24T00:00:00Z'), until: new Date('2026-11-25T00:00:00Z'), limit: 10 };
      const changed = await s.authors.changedThreadsByAuthor(window);
      expect(changed.map((t) => [t.id, t.posts.length])).toEqual([['x:t0', 2]]);
      expect(await s.authors.changedThreadsByAuthor({ ...window, minPosts: 3 })).toEqual([]);
    });

    it('threadIdOfPost → the thread a stored post belongs to; search limited to an author', async () => {
      const s = await stores();
      await s.posts.ingest([...makeChain('c', 3, 'x1', { text: 'cotton harvest' }), makePost({ id: 'x:z', author: author('x2', 'bob'), text: 'cotton too' })]);
      expect(await s.threads.threadIdOfPost('x:c3')).toBe('x:c1');
      expect(await s.threads.threadIdOfPost('x:nope')).toBeUndefined();
      const mine = await s.threads.search({ words: 'cotton', authorKey: 'x|x1', limit: 10 });
      expect(mine.threads.map((t) => t.id)).toEqual(['x:c1']);
      expect(mine.total).toBe(1);
      expect((await s.threads.search({ words: 'cotton', authorKey: 'x|nobody', limit: 10 })).total).toBe(0);
      expect((await s.threads.search({ words: 'cotton', limit: 10 })).total).toBe(2);
    });

    it('short keys: the same value always gets the same key, which gives the value back', async () => {
      const s = await stores();
      const value = 'mastodon:https://mastodon.social/users/somebody_with_a_long_name/statuses/113456789012345678';
      const key = await s.keys.remember(value);
      expect(key).toMatch(/^[A-Za-z0-9_-]{12}$/u);
      expect(await s.keys.remember(value)).toBe(key);
      expect(await s.keys.recall(key)).toBe(value);
      expect(await s.keys.recall('nope')).toBeUndefined();
    });

    it('options round-trip; update changes settings but keeps the clock; author subscriptions are not followed tags', async () => {
      const s = await stores('2026-11-23T09:00:00Z');
      const followed = { key: 'x|x1', ref: 'x.com/alice', name: 'Alice' };
      const settings = {
        schedule: { kind: 'live', perHour: 4, zone: 'Europe/Oslo' },
        langs: ['en', 'de'],
        minPosts: 2,
        require: ['cotton'],
        exclude: ['football'],
        muted: ['x|spam'],
      } as const;
      const added = await s.subscriptions.add({ target: tg('-1'), tag: '@x|x1', author: followed, ...settings }, { maxPerChat: 25, maxFollowedTags: 1 });
      expect(added.ok).toBe(true);
      const sub = added.ok ? added.value.subscription : undefined;
      expect(sub).toMatchObject({ tag: '@x|x1', author: followed, ...settings, lang: undefined, createdAt: new Date('2026-11-23T09:00:00Z') });
      expect(await s.subscriptions.find(tg('-1'), '@x|x1')).toEqual(sub);
      // Following an author adds nothing to poll: neither listed for the pollers nor counted by the followed-tags cap.
      expect(await s.subscriptions.followedTags()).toEqual([]);
      expect(await s.subscriptions.add({ target: tg('-1'), tag: 'cotton', schedule: daily }, { maxPerChat: 25, maxFollowedTags: 1 })).toMatchObject({
        ok: true,
      });

      s.clock.set('2026-11-24T09:00:00Z');
      const updated = await s.subscriptions.update(sub?.id ?? 0, { schedule: daily, lang: 'fr', minPosts: undefined });
      expect(updated).toMatchObject({ id: sub?.id, author: followed, schedule: daily, lang: 'fr', langs: ['fr'], require: [], exclude: [], muted: [] });
      expect(updated?.createdAt).toEqual(new Date('2026-11-23T09:00:00Z'));
      expect(await s.subscriptions.find(tg('-1'), '@x|x1')).toEqual(updated);
      expect(await s.subscriptions.update(999, { schedule: daily })).toBeUndefined();
    });

    it('lastShown → when each thread was last sent to the chat (any of its subscriptions); liveDeliveriesSince counts live periods', async () => {
      const s = await stores('2026-11-23T09:00:00Z');
      const one = await s.subscriptions.add({ target: tg('-1'), tag: 'a', schedule: daily }, { maxPerChat: 25 });
      const two = await s.subscriptions.add({ target: tg('-1'), tag: 'b', schedule: daily }, { maxPerChat: 25 });
      const elsewhere = await s.subscriptions.add({ target: tg('-2'), tag: 'a', schedule: daily }, { maxPerChat: 25 });
      if (!one.ok || !two.ok || !elsewhere.ok) throw new Error('not added');
      const deliver = async (subscriptionId: number, threadIds: string[], period: string) => {
        const claimed = await s.ledger.claim(claimInput(subscriptionId, threadIds, period), 'p', new Date('2026-11-23T10:00:00Z'), undefined);
        await s.ledger.settle(claimed!, { state: 'sent', messages: 1 }, new Date('2026-11-23T09:00:00Z'));
      };
      await deliver(one.value.subscription.id, ['x:1', 'x:2'], '2026-11-23');
      await deliver(two.value.subscription.id, ['x:2', 'x:3'], 'L2026-11-23T09:00');
      await deliver(elsewhere.value.subscription.id, ['x:4'], 'L2026-11-23T09:00');
      const shown = await s.ledger.lastShown(tg('-1'), ['x:1', 'x:2', 'x:4', 'x:9'], new Date('2026-11-01T00:00:00Z'));
      expect(Object.fromEntries([...shown].map(([id, at]) => [id, at.toISOString()]))).toEqual({
        'x:1': '2026-11-23T09:00:00.000Z',
        'x:2': '2026-11-23T09:00:00.000Z',
      });
      expect((await s.ledger.lastShown(tg('-1'), ['x:1'], new Date('2026-11-24T00:00:00Z'))).size).toBe(0);
      expect((await s.ledger.lastShown(tg('-1'), [], new Date(0))).size).toBe(0);
      expect(await s.ledger.liveDeliveriesSince(tg('-1'), new Date('2026-11-23T00:00:00Z'))).toBe(1);
      expect(await s.ledger.liveDeliveriesSince(tg('-1'), new Date('2026-11-24T00:00:00Z'))).toBe(0);
    });
  });
}
