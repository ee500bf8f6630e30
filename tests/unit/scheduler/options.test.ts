import { afterEach, describe, expect, it } from 'vitest';
import { applySettingsChange, parseSettingsChange, wordingOf, type PostInput, type Subscription } from '../../../src/core/index.ts';
import { english } from '../../../src/i18n/index.ts';
import { renderTelegramDigest } from '../../../src/platforms/telegram/digest-render.ts';
import { makePost } from '../../support/posts.ts';
import { recordingPublisher, schedulerFor, testWorld } from '../../support/scheduler.ts';

type World = ReturnType<typeof testWorld>;
const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) w.db.close();
});

function world(start = '2026-11-22T12:00:00Z'): World {
  const w = testWorld(start);
  worlds.push(w);
  return w;
}

/** A subscription of chat 100 to #xinjiang (or an author) with the options a chat would type. */
async function subscribe(w: World, options: string, subject: { tag?: string; author?: Subscription['author'] } = {}): Promise<Subscription> {
  const change = parseSettingsChange(options.split(' ').filter(Boolean));
  if (!change.ok) throw new Error(change.failure.code);
  const tag = subject.author ? `@${subject.author.key}` : (subject.tag ?? 'xinjiang');
  const added = await w.stores.subscriptions.add(
    { target: { platform: 'telegram', chatId: '100' }, tag, author: subject.author, ...applySettingsChange(undefined, change.value) },
    { maxPerChat: 25 },
  );
  if (!added.ok) throw new Error(added.failure.code);
  return added.value.subscription;
}

/** A thread of `posts` posts by `handle`, its first post saying `text`, in `lang`. */
function thread(id: string, text: string, options: { lang?: string; posts?: number; handle?: string; at?: string } = {}): PostInput[] {
  const handle = options.handle ?? `user_${id}`;
  const author = { id: `id-${handle}`, handle, name: handle };
  const at = Date.parse(options.at ?? '2026-11-23T06:00:00Z');
  return Array.from({ length: options.posts ?? 2 }, (_, i) =>
    makePost({
      id: `x:${id}-${i + 1}`,
      author,
      text: i === 0 ? `${text} #xinjiang` : `part ${i + 1} of ${id}`,
      lang: options.lang ?? 'en',
      createdAt: new Date(at + i * 60_000).toISOString(),
      ...(i > 0 ? { replyToId: `x:${id}-${i}`, replyToAuthorId: author.id } : {}),
    }),
  );
}

/** The handles in the digest chat 100 got at 09:00. */
async function digestAuthors(w: World): Promise<string[]> {
  const publisher = recordingPublisher('telegram');
  w.clock.set('2026-11-23T09:00:00Z');
  await schedulerFor(w, [publisher]).runOnce(w.clock.now());
  return (publisher.captured[0]?.digest.items ?? []).map((i) => i.author.handle).sort();
}

describe('each subscription option changes what the digest holds', () => {
  it('lang:en,fr → English and French threads, not the German one', async () => {
    const w = world();
    await subscribe(w, 'lang:en,fr');
    await w.stores.posts.ingest(
      [...thread('en', 'cotton', { lang: 'en' }), ...thread('fr', 'coton', { lang: 'fr' }), ...thread('de', 'Baumwolle', { lang: 'de' })].map((p) =>
        makePost(p as PostInput & { id: string }),
      ),
    );
    expect(await digestAuthors(w)).toEqual(['user_en', 'user_fr']);
  });

  it('min:3 → only threads of three posts or more', async () => {
    const w = world();
    await subscribe(w, 'min:3');
    await w.stores.posts.ingest(
      [...thread('short', 'short', { posts: 2 }), ...thread('long', 'long', { posts: 3 })].map((p) => makePost(p as PostInput & { id: string })),
    );
    expect(await digestAuthors(w)).toEqual(['user_long']);
  });

  it('+recolte -football → threads mentioning “Récolte” (any case, any accent), none mentioning football', async () => {
    const w = world();
    await subscribe(w, '+recolte -football');
    await w.stores.posts.ingest(
      [
        ...thread('a', 'La RÉCOLTE du coton'),
        ...thread('b', 'récolte and football'),
        ...thread('c', 'récoltes, a different word'),
        ...thread('d', 'nothing here'),
      ].map((p) => makePost(p as PostInput & { id: string })),
    );
    expect(await digestAuthors(w)).toEqual(['user_a']);
  });

  it('mute:@spam → the muted author’s thread is left out', async () => {
    const w = world();
    await subscribe(w, 'mute:@spam');
    await w.stores.posts.ingest(
      [...thread('a', 'real news'), ...thread('s', 'buy now', { handle: 'spam' })].map((p) => makePost(p as PostInput & { id: string })),
    );
    expect(await digestAuthors(w)).toEqual(['user_a']);
  });

  it('an author subscription → that author’s new threads, whatever their hashtags', async () => {
    const w = world();
    await w.stores.posts.ingest(
      [...thread('a', 'one', { handle: 'steppe_notes' }), ...thread('b', 'two', { handle: 'other' })].map((p) => makePost(p as PostInput & { id: string })),
    );
    const [author] = await w.stores.authors.findAuthors({ handle: 'steppe_notes' }, 5);
    if (!author) throw new Error('author not stored');
    await subscribe(w, '', { author: { key: author.key, ref: 'x.com/steppe_notes', name: 'Steppe Notes' } });
    w.clock.set('2026-11-23T08:30:00Z');
    await w.stores.posts.ingest(
      thread('c', 'three', { handle: 'steppe_notes', at: '2026-11-23T08:30:00Z' }).map((p) => makePost(p as PostInput & { id: string })),
    );
    const publisher = recordingPublisher('telegram');
    w.clock.set('2026-11-23T09:00:00Z');
    await schedulerFor(w, [publisher]).runOnce(w.clock.now());
    expect(wordingOf(english).digestTitle(publisher.captured[0]!.digest)).toBe('@x.com/steppe_notes — threads of 2026-11-23');
    expect(publisher.captured[0]?.digest.items.map((i) => i.threadId).sort()).toEqual(['x:a-1', 'x:c-1']);
  });
});

describe('growth, not repetition', () => {
  it('a thread the chat got on Tuesday that grew by three → “+3 posts since Tuesday” with its first new post, not its opening', async () => {
    const w = world('2026-11-23T12:00:00Z'); // a Monday
    await subscribe(w, '09:00 Europe/Oslo');
    w.clock.set('2026-11-24T06:00:00Z');
    await w.stores.posts.ingest(thread('g', 'The opening', { posts: 2, at: '2026-11-24T06:00:00Z' }).map((p) => makePost(p as PostInput & { id: string })));
    const publisher = recordingPublisher('telegram');
    w.clock.set('2026-11-24T08:00:00Z'); // Tuesday 09:00 in Oslo
    await schedulerFor(w, [publisher]).runOnce(w.clock.now());
    expect(publisher.captured[0]?.digest.items[0]).toMatchObject({ excerpt: 'The opening #xinjiang' });
    expect(publisher.captured[0]?.digest.items[0]?.growth).toBeUndefined();

    w.clock.set('2026-11-26T10:00:00Z');
    const more = [3, 4, 5].map((n) =>
      makePost({
        id: `x:g-${n}`,
        author: { id: 'id-user_g', handle: 'user_g', name: 'user_g' },
        text: `new part ${n}`,
        lang: 'en',
        createdAt: `2026-11-26T0${n}:00:00.000Z`,
        replyToId: `x:g-${n - 1}`,
        replyToAuthorId: 'id-user_g',
      }),
    );
    await w.stores.posts.ingest(more);
    w.clock.set('2026-11-27T08:00:00Z'); // Friday 09:00 in Oslo
    await schedulerFor(w, [publisher]).runOnce(w.clock.now());
    const item = publisher.captured[1]?.digest.items[0];
    expect(item).toMatchObject({ excerpt: 'new part 3', growth: { added: 3, since: { kind: 'weekday', weekday: 2 } }, link: 'https://example.com/x:g-3' });
    expect(renderTelegramDigest(publisher.captured[1]?.digest ?? { tag: '', title: '', since: '', until: '', items: [] }).join('\n')).toContain(
      '+3 posts since Tuesday',
    );
  });
});
