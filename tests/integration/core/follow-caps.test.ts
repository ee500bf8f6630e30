import { spoken } from '../../support/spoken.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/app/config.ts';
import {
  CORE_COMMANDS,
  createCommandRouter,
  SUBSCRIPTION_COMMANDS,
  type ChatContext,
  type FollowLimits,
  type SubscriptionRouterServices,
} from '../../../src/core/index.ts';
import { createTelegramBot, type TelegramBot } from '../../../src/platforms/telegram/index.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { startFakeTelegram, type FakeChat, type FakeTelegram, type FakeUser, type SentMessage } from '../../fakes/telegram/server.ts';
import { createRecordingLog } from '../../support/telegram.ts';
import { fixedClock, makeChain } from '../../support/posts.ts';

// Issue 12, item 6: in a private chat everyone is an admin, so anyone who can DM the bot added 25
// arbitrary tags; 40 chats made 1,035 followed tags, each polled on every source. No global cap,
// no per-user cap, no operator allow-list.

const dbs: Db[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
});

async function world(limits: FollowLimits, maxPerChat = 25) {
  const db = openDatabase(':memory:');
  dbs.push(db);
  const clock = fixedClock('2026-11-23T10:00:00Z');
  const stores = createSqliteStores(db, clock);
  await stores.posts.ingest(makeChain('a', 2));
  const services: SubscriptionRouterServices = {
    threads: stores.threads,
    authors: stores.authors,
    keys: stores.keys,
    tags: stores.tags,
    clock,
    subscriptions: stores.subscriptions,
    maxSubscriptionsPerChat: maxPerChat,
    followLimits: limits,
  };
  const router = createCommandRouter(services, [...CORE_COMMANDS, ...SUBSCRIPTION_COMMANDS]);
  /** A private chat with this user: where everyone is an admin. */
  const dm = (userId: string, chatId = userId): ChatContext => ({
    platform: 'telegram',
    chatId,
    userId,
    deliverable: true,
    isAdmin: async () => true,
    botCanPost: async () => true,
  });
  const subscribe = async (tag: string, ctx: ChatContext) => router.handleText(`/subscribe ${tag}`, ctx);
  return { stores, subscribe, dm };
}

describe('caps on followed tags', () => {
  it('one person past the per-user cap → refused with the reason, across every chat they manage; nothing stored', async () => {
    const w = await world({ maxPerUser: 3 });
    for (const tag of ['t1', 't2']) expect(await w.subscribe(tag, w.dm('7'))).toMatchObject({ kind: 'notice' });
    expect(await w.subscribe('t3', w.dm('7', '-1001'))).toMatchObject({ kind: 'notice' }); // a group they administer
    const refused = await w.subscribe('t4', w.dm('7', '-1002'));
    expect(spoken(refused)).toEqual({
      kind: 'failure',
      failure: { code: 'subscription.user-limit', limit: 3 },
      message: 'You already have 3 subscriptions, the most one person may have: /unsubscribe one first.',
    });
    expect(await w.stores.subscriptions.list()).toHaveLength(3);
    expect(await w.subscribe('t4', w.dm('8'))).toMatchObject({ kind: 'notice' }); // someone else may
  });

  it('the global cap reached → a new tag refused with the reason; a tag already followed still accepted', async () => {
    const w = await world({ maxFollowedTags: 2 });
    await w.subscribe('one', w.dm('1'));
    await w.subscribe('two', w.dm('2'));
    expect(spoken(await w.subscribe('three', w.dm('3')))).toMatchObject({
      kind: 'failure',
      message: 'Spool already follows 2 hashtags, the most its operator allows: subscribe to one it follows already, or ask the operator.',
    });
    expect(await w.subscribe('one', w.dm('3'))).toMatchObject({ kind: 'notice' });
    expect(await w.stores.subscriptions.followedTags()).toEqual(['one', 'two']);
  });

  it('a paused subscription renewed past a cap → refused like a new one (it would be polled again)', async () => {
    const w = await world({ maxFollowedTags: 1 });
    await w.subscribe('one', w.dm('1'));
    const [first] = await w.stores.subscriptions.list();
    await w.stores.subscriptions.pause(first?.id ?? 0, 'blocked', new Date('2026-11-23T10:00:00Z'));
    await w.subscribe('two', w.dm('2'));
    expect(await w.subscribe('one', w.dm('1'))).toMatchObject({ kind: 'failure', failure: { code: 'subscription.tag-limit' } });
  });

  it('an allow-list → only its tags may be subscribed, the refusal says why', async () => {
    const w = await world({ allowedTags: ['xinjiang', 'cotton'] });
    expect(await w.subscribe('#Xinjiang', w.dm('1'))).toMatchObject({ kind: 'notice' });
    expect(spoken(await w.subscribe('spam', w.dm('1')))).toMatchObject({
      kind: 'failure',
      message: '#spam is not among the hashtags this Spool offers; its operator chooses them.',
    });
  });

  it('config: documented defaults (10 per person, 100 followed tags, no allow-list); an allow-list of non-hashtags is a config error', async () => {
    expect(parseConfig({ env: {} }).file.subscriptions).toEqual({ maxPerChat: 25, maxPerUser: 10, maxFollowedTags: 100 });
    expect(parseConfig({ env: {}, file: { subscriptions: { allowedTags: ['#Xinjiang'] } } }).file.subscriptions.allowedTags).toEqual(['xinjiang']);
    expect(() => parseConfig({ env: {}, file: { subscriptions: { allowedTags: ['not a tag'] } }, filePath: 'spool.json' })).toThrow(
      /spool\.json: subscriptions\.allowedTags\.0/u,
    );
  });
});

describe('through the Telegram bot, from a private chat', () => {
  const user: FakeUser = { id: 31, is_bot: false, first_name: 'Flood' };
  const dm: FakeChat = { id: 31, type: 'private' };
  let fake: FakeTelegram;
  let bot: TelegramBot;
  let db: Db;
  beforeAll(async () => {
    db = openDatabase(':memory:');
    const clock = fixedClock('2026-11-23T10:00:00Z');
    const stores = createSqliteStores(db, clock);
    const config = parseConfig({ env: {} });
    const router = createCommandRouter<SubscriptionRouterServices>(
      {
        threads: stores.threads,
        authors: stores.authors,
        keys: stores.keys,
        tags: stores.tags,
        clock,
        subscriptions: stores.subscriptions,
        maxSubscriptionsPerChat: config.file.subscriptions.maxPerChat,
        followLimits: config.file.subscriptions,
      },
      [...CORE_COMMANDS, ...SUBSCRIPTION_COMMANDS],
    );
    fake = await startFakeTelegram();
    bot = createTelegramBot({
      token: fake.token,
      apiRoot: fake.apiRoot,
      router,
      tags: { tagsByPrefix: async () => [] },
      log: createRecordingLog(),
      clock,
      limits: false,
      pollingTimeoutS: 5,
    });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    db.close();
  });

  it('a stranger DMs 25 /subscribe commands → the default per-person cap stops them at 10, each refusal saying why', async () => {
    const answers: SentMessage[] = [];
    for (let i = 1; i <= 25; i++) {
      const before = fake.messages.length;
      fake.sendText({ chat: dm, from: user, text: `/subscribe flood${i}` });
      await fake.waitFor(() => fake.messages.length > before);
      answers.push(fake.messages[before] as SentMessage);
    }
    expect(answers.filter((a) => a.text.startsWith('Subscribed to'))).toHaveLength(10);
    expect(answers.slice(10).every((a) => a.text === 'You already have 10 subscriptions, the most one person may have: /unsubscribe one first.')).toBe(true);
  });
});
