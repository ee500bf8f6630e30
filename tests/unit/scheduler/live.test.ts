import { afterEach, describe, expect, it } from 'vitest';
import { wordingOf, type Post } from '../../../src/core/index.ts';
import { english } from '../../../src/i18n/index.ts';
import { livePeriod } from '../../../src/scheduler/live.ts';
import { makePost } from '../../support/posts.ts';
import { recordingPublisher, schedulerFor, testWorld } from '../../support/scheduler.ts';

type World = ReturnType<typeof testWorld>;
const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) w.db.close();
});

/** Post `n` of thread `id` (n ≥ 2 answers n − 1), by the thread's own author, written now. */
function part(w: World, id: string, n: number): Post {
  const author = { id: `id-${id}`, handle: `user_${id}`, name: '' };
  return makePost({
    id: `x:${id}-${n}`,
    author,
    text: n === 1 ? `${id} starts #xinjiang` : `${id} part ${n}`,
    createdAt: w.clock.now().toISOString(),
    ...(n > 1 ? { replyToId: `x:${id}-${n - 1}`, replyToAuthorId: author.id } : {}),
  });
}

async function liveWorld(options = 'live:2 min:3') {
  const w = testWorld('2026-11-23T08:00:00Z');
  worlds.push(w);
  const { applySettingsChange, parseSettingsChange } = await import('../../../src/core/index.ts');
  const change = parseSettingsChange(options.split(' '));
  if (!change.ok) throw new Error(change.failure.code);
  const added = await w.stores.subscriptions.add(
    { target: { platform: 'telegram', chatId: '100' }, tag: 'xinjiang', ...applySettingsChange(undefined, change.value) },
    { maxPerChat: 25 },
  );
  if (!added.ok) throw new Error(added.failure.code);
  const publisher = recordingPublisher('telegram');
  const run = async (at: string) => {
    w.clock.set(at);
    return schedulerFor(w, [publisher]).runOnce(w.clock.now());
  };
  return { w, publisher, run, subscription: added.value.subscription };
}

describe('live subscriptions: each thread once, when it reaches the minimum, within the hourly cap', () => {
  it('a thread that qualified before the subscription → not posted; one of two posts waits; at three it is posted at once, alone; growing further posts nothing more', async () => {
    const { w, publisher, run, subscription } = await liveWorld();
    w.clock.set('2026-11-23T07:59:00Z');
    await w.stores.posts.ingest([part(w, 'old', 1), part(w, 'old', 2), part(w, 'old', 3)]);
    w.clock.set('2026-11-23T08:00:30Z');
    expect(subscription.schedule).toEqual({ kind: 'live', perHour: 2, zone: 'UTC' });
    await w.stores.posts.ingest([part(w, 'a', 1), part(w, 'a', 2)]);
    expect(await run('2026-11-23T08:01:00Z')).toMatchObject({ sent: 0 });
    expect(publisher.captured).toEqual([]);

    w.clock.set('2026-11-23T08:05:00Z');
    await w.stores.posts.ingest([part(w, 'a', 3)]);
    expect(await run('2026-11-23T08:05:30Z')).toMatchObject({ sent: 1, messages: 1 });
    expect(publisher.captured).toHaveLength(1);
    expect(publisher.captured[0]?.digest).toMatchObject({ live: true, items: [{ threadId: 'x:a-1', postCount: 3 }] });
    expect(wordingOf(english).digestTitle(publisher.captured[0]!.digest)).toBe('#xinjiang — a new thread');
    expect(publisher.captured[0]?.idempotencyKey).toBe(`d1-${livePeriod('x:a-1')}`);

    expect(await run('2026-11-23T08:06:00Z')).toMatchObject({ sent: 0 });
    w.clock.set('2026-11-23T08:10:00Z');
    await w.stores.posts.ingest([part(w, 'a', 4)]);
    expect(await run('2026-11-23T08:11:00Z')).toMatchObject({ sent: 0 });
    expect(publisher.captured).toHaveLength(1);
  });

  it('three threads reaching the minimum within the hour, cap 2 → two now, the third in the next hour, and never a fourth delivery', async () => {
    const { w, publisher, run } = await liveWorld();
    w.clock.set('2026-11-23T08:00:30Z');
    for (const id of ['a', 'b', 'c']) await w.stores.posts.ingest([part(w, id, 1), part(w, id, 2), part(w, id, 3)]);
    expect(await run('2026-11-23T08:01:00Z')).toMatchObject({ sent: 2 });
    expect(await run('2026-11-23T08:30:00Z')).toMatchObject({ sent: 0 });
    expect(await run('2026-11-23T09:02:00Z')).toMatchObject({ sent: 1 });
    expect(await run('2026-11-23T10:30:00Z')).toMatchObject({ sent: 0 });
    expect(publisher.captured.map((d) => d.digest.items[0]?.threadId).sort()).toEqual(['x:a-1', 'x:b-1', 'x:c-1']);
    expect(new Set(publisher.captured.map((d) => d.idempotencyKey)).size).toBe(3);
  });

  it('a failed live delivery → retried later as the same delivery, still counted once', async () => {
    const { w, run } = await liveWorld('live min:2');
    let attempts = 0;
    const flaky = recordingPublisher('telegram', () => (++attempts === 1 ? { status: 'failed', reason: '502' } : { status: 'sent', messages: 1 }));
    w.clock.set('2026-11-23T08:00:30Z');
    await w.stores.posts.ingest([part(w, 'a', 1), part(w, 'a', 2)]);
    w.clock.set('2026-11-23T08:01:00Z');
    expect(await schedulerFor(w, [flaky]).runOnce(w.clock.now())).toMatchObject({ failed: 1 });
    w.clock.set('2026-11-23T08:03:00Z');
    expect(await schedulerFor(w, [flaky]).runOnce(w.clock.now())).toMatchObject({ sent: 1 });
    expect(flaky.delivered).toHaveLength(1);
    expect(flaky.captured.map((d) => d.idempotencyKey)).toEqual([flaky.captured[0]?.idempotencyKey, flaky.captured[0]?.idempotencyKey]);
    expect(await run('2026-11-23T08:20:00Z')).toMatchObject({ sent: 0 });
  });
});
