import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramPublisher } from '../../../src/platforms/telegram/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/server.ts';
import { recordingLog, schedulerFor, testWorld } from '../../support/scheduler.ts';
import { makePost } from '../../support/posts.ts';

/** One-post threads about #xinjiang in several languages, each by its own author. */
function posts() {
  const one = (id: string, lang: string, text: string, minute: number) =>
    makePost({
      id: `x:${id}`,
      author: { id: `a-${id}`, handle: `author_${id}`, name: '' },
      lang,
      text: `${text} #xinjiang`,
      createdAt: `2026-11-23T08:${String(minute).padStart(2, '0')}:00Z`,
    });
  return [
    one('fr1', 'fr', 'La récolte du coton vue de près, avec les chiffres de la coopérative', 1),
    one('en1', 'en', 'Cotton harvest notes from the cooperative, with this year’s numbers', 2),
    one('de1', 'de', 'Notizen zur Baumwollernte aus der Genossenschaft mit den Zahlen', 3),
    one('zh1', 'zh', '合作社今年的棉花收成记录和数字', 4),
    one('zh2', 'zh', '关于新疆铁路新线路和沿线城镇的地图说明', 5),
  ];
}

let telegram: FakeTelegram;
let world: ReturnType<typeof testWorld>;
beforeEach(async () => {
  world = testWorld('2026-11-23T10:00:00Z');
  await world.stores.posts.ingest(posts());
  telegram = await startFakeTelegram();
  await world.stores.subscriptions.add(
    { target: { platform: 'telegram', chatId: '88' }, tag: 'xinjiang', schedule: { kind: 'daily', time: '09:00', zone: 'UTC' } },
    { maxPerChat: 5 },
  );
});
afterEach(async () => {
  await telegram.close();
  world.db.close();
});

async function deliver(): Promise<string> {
  const publisher = createTelegramPublisher({ token: telegram.token, apiRoot: telegram.apiRoot, log: recordingLog(), limits: false });
  expect((await schedulerFor(world, [publisher], { chatSettings: world.stores.chatSettings }).runOnce(world.clock.now(), 'all')).sent).toBe(1);
  return telegram.messages.map((m) => m.text).join('\n');
}

describe('digests in the chat’s language', () => {
  it('a chat set to French that prefers French and English threads → a French digest of those two; the others in one closing line, named in their own language', async () => {
    await world.stores.chatSettings.update({ platform: 'telegram', chatId: '88' }, { language: 'fr', threadLanguages: ['fr', 'en'] });
    const text = await deliver();
    expect(text).toMatch(/^#xinjiang — fils du 2026-11-23\n2 fils\n/u);
    expect(text).toContain('🧵 1 message · fr · il y a 1 h');
    expect(text).toContain('La récolte du coton');
    expect(text).toContain('Cotton harvest notes');
    expect(text).not.toContain('Baumwollernte');
    expect(text).not.toContain('棉花');
    expect(text.endsWith('Aussi : 中文 2 · Deutsch 1')).toBe(true);
    // Nothing of the English wording is left in a French digest.
    for (const english of ['threads of', 'Read the thread', ' posts', 'min ago', 'Also on', 'Held back']) expect(text).not.toContain(english);
  });

  it('an Italian chat with no preference → every thread, the wording in Italian', async () => {
    await world.stores.chatSettings.update({ platform: 'telegram', chatId: '88' }, { language: 'it' });
    const text = await deliver();
    expect(text).toMatch(/^#xinjiang — thread del 2026-11-23\n5 thread\n/u);
    expect(text).toContain('Leggi il thread →');
    expect(text).not.toContain('Inoltre:');
  });
});
