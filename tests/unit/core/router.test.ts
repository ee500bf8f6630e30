import { english } from '../../../src/i18n/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { describeFailure, CORE_COMMANDS, createCommandRouter, type ChatContext } from '../../../src/core/index.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { fixedClock, makeChain, makePost } from '../../support/posts.ts';

let db: Db | undefined;
afterEach(async () => db?.close());

const chat: ChatContext = { platform: 'console', chatId: 'c', deliverable: false, isAdmin: async () => true, botCanPost: async () => true };

async function router(pageSize = 2) {
  db = openDatabase(':memory:');
  const clock = fixedClock('2026-11-20T13:00:00Z');
  const stores = createSqliteStores(db, clock);
  await stores.posts.ingest([
    ...makeChain('a', 3, 'u1'),
    ...makeChain('b', 2, 'u2', { text: '#Xinjiang #cotton harvest' }),
    ...makeChain('c', 1, 'u3', { text: '#xinjiang #可可托海 snow' }),
    makePost({ id: 'x:z', author: { id: 'u4', handle: 'z', name: '' }, text: '#china only' }),
  ]);
  return createCommandRouter({ threads: stores.threads, tags: stores.tags, authors: stores.authors, keys: stores.keys, clock, pageSize }, CORE_COMMANDS);
}

describe('command router', () => {
  it('/threads with a typed tag in any case → the first page and a cursor to the next', async () => {
    const reply = await (await router()).handleText('/threads #XinJiang', chat);
    expect(reply).toMatchObject({ kind: 'threads', tag: 'xinjiang', sort: 'recent', total: 3 });
    if (reply?.kind !== 'threads') throw new Error('not threads');
    expect(reply.items).toHaveLength(2);
    expect(reply.nextCursor).not.toBeNull();
  });

  it('/threads with the next cursor → the remaining thread', async () => {
    const r = await router();
    const first = await r.execute('threads', ['xinjiang'], chat);
    if (first.kind !== 'threads' || !first.nextCursor) throw new Error('expected a next page');
    const second = await r.execute('threads', ['xinjiang'], chat, { cursor: first.nextCursor });
    expect(second).toMatchObject({ kind: 'threads', nextCursor: null });
    if (second.kind !== 'threads') throw new Error('not threads');
    expect(second.items).toHaveLength(1);
  });

  it('an unknown hashtag → hashtag.unknown with the closest known tags', async () => {
    const reply = await (await router()).handleText('/threads xinjang', chat);
    expect(reply).toMatchObject({ kind: 'failure', failure: { code: 'hashtag.unknown', closest: ['xinjiang'] } });
    expect(reply?.kind === 'failure' && describeFailure(reply.failure, english)).toBe('No threads about #xinjang yet. Closest known: #xinjiang.');
  });

  it('no hashtag, a bad hashtag, a bad sort → one clear failure each', async () => {
    const r = await router();
    expect(await r.handleText('/threads', chat)).toMatchObject({ failure: { code: 'hashtag.missing' } });
    expect(await r.handleText('/threads no!', chat)).toMatchObject({ failure: { code: 'hashtag.invalid' } });
    expect(await r.handleText('/threads xinjiang loudest', chat)).toMatchObject({ failure: { code: 'sort.invalid' } });
  });

  it('/related → co-occurring tags, most frequent first', async () => {
    expect(await (await router()).handleText('/related xinjiang', chat)).toMatchObject({
      kind: 'related',
      related: [
        { tag: 'cotton', threads: 1 },
        { tag: '可可托海', threads: 1 },
      ],
    });
  });

  it('/search → matching threads; nothing to search for → a failure', async () => {
    const r = await router(10);
    expect(await r.handleText('/search harvest', chat)).toMatchObject({ kind: 'search', total: 1 });
    expect(await r.handleText('/search', chat)).toMatchObject({ failure: { code: 'search.missing' } });
    expect(await r.handleText('/search ***', chat)).toMatchObject({ failure: { code: 'search.invalid' } });
  });

  it('/digest → the threads changed in the last 24 hours', async () => {
    const reply = await (await router()).handleText('/digest xinjiang', chat);
    expect(reply?.kind === 'digest' && reply.digest.items.length).toBe(3);
  });

  it('/help and /start → the command list; an unknown command → command.unknown', async () => {
    const r = await router();
    expect(await r.handleText('/help', chat)).toMatchObject({ kind: 'help' });
    expect(await r.handleText('/start', chat)).toMatchObject({ kind: 'help' });
    expect(r.commands.map((c) => c.name)).toEqual(['threads', 'related', 'search', 'digest', 'help']);
    expect(await r.handleText('/frobnicate', chat)).toMatchObject({ failure: { code: 'command.unknown' } });
    expect(await r.handleText('just text', chat)).toBeUndefined();
  });
});
