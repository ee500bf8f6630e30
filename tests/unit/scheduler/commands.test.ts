import { spoken } from '../../support/spoken.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { CORE_COMMANDS, createCommandRouter, SUBSCRIPTION_COMMANDS, type ChatContext, type SubscriptionRouterServices } from '../../../src/core/index.ts';
import { makeChain } from '../../support/posts.ts';
import { testWorld } from '../../support/scheduler.ts';

type World = ReturnType<typeof testWorld>;
const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) w.db.close();
});

async function setup(maxPerChat = 25) {
  const w = testWorld('2026-11-23T10:00:00Z');
  worlds.push(w);
  await w.stores.posts.ingest(makeChain('a', 2));
  const services: SubscriptionRouterServices = {
    threads: w.stores.threads,
    tags: w.stores.tags,
    authors: w.stores.authors,
    keys: w.stores.keys,
    clock: w.clock,
    subscriptions: w.stores.subscriptions,
    maxSubscriptionsPerChat: maxPerChat,
  };
  const router = createCommandRouter(services, [...CORE_COMMANDS, ...SUBSCRIPTION_COMMANDS]);
  let adminChecks = 0;
  const chat = (admin: boolean, extra: Partial<ChatContext> = {}): ChatContext => ({
    platform: 'telegram',
    chatId: '-100',
    deliverable: true,
    botCanPost: async () => true,
    isAdmin: async () => {
      adminChecks++;
      return admin;
    },
    ...extra,
  });
  return { w, router, chat, adminChecks: () => adminChecks };
}

describe('/subscribe, /unsubscribe, /subscriptions', () => {
  it('an admin subscribes with a time and zone → stored, and the notice names the schedule', async () => {
    const { w, router, chat } = await setup();
    const reply = await router.handleText('/subscribe #Xinjiang 7:30 europe/oslo', chat(true));
    expect(reply).toMatchObject({ kind: 'notice', message: { key: 'subscribed.new', params: { subject: '#xinjiang' } } });
    expect(spoken(reply)?.text).toMatch(/^Subscribed to #xinjiang: a digest every day at 07:30 Europe\/Oslo/u);
    expect(await w.stores.subscriptions.list()).toMatchObject([
      { tag: 'xinjiang', target: { platform: 'telegram', chatId: '-100' }, schedule: { kind: 'daily', time: '07:30', zone: 'Europe/Oslo' } },
    ]);
  });

  it('a hashtag with no threads yet → subscribed, the notice says Spool now follows it, and the pollers get it', async () => {
    const { w, router, chat } = await setup();
    const reply = await router.handleText('/subscribe 可可托海 Asia/Shanghai', chat(true));
    expect(reply).toMatchObject({ kind: 'notice', message: { key: 'subscribed.newFresh', params: { subject: '#可可托海' } } });
    expect(await w.stores.subscriptions.followedTags()).toEqual(['可可托海']);
  });

  it('a member who is not an admin → subscription.not-admin, nothing stored', async () => {
    const { w, router, chat } = await setup();
    expect(await router.handleText('/subscribe xinjiang', chat(false))).toMatchObject({ failure: { code: 'subscription.not-admin' } });
    expect(await router.handleText('/unsubscribe xinjiang', chat(false))).toMatchObject({ failure: { code: 'subscription.not-admin' } });
    expect(await w.stores.subscriptions.list()).toEqual([]);
  });

  it('Mars/Base, 25:00, a bad hashtag → one clear failure each, nothing stored and no admin lookup', async () => {
    const { w, router, chat, adminChecks } = await setup();
    expect(spoken(await router.handleText('/subscribe xinjiang 09:00 Mars/Base', chat(true)))).toMatchObject({
      failure: { code: 'timezone.invalid', input: 'Mars/Base' },
      message: '“Mars/Base” is not a time zone: use an IANA name like Europe/Oslo or UTC.',
    });
    expect(await router.handleText('/subscribe xinjiang 25:00', chat(true))).toMatchObject({ failure: { code: 'time.invalid' } });
    expect(await router.handleText('/subscribe not-a-tag', chat(true))).toMatchObject({ failure: { code: 'hashtag.invalid' } });
    expect(await router.handleText('/subscribe', chat(true))).toMatchObject({ failure: { code: 'hashtag.missing' } });
    expect(await w.stores.subscriptions.list()).toEqual([]);
    expect(adminChecks()).toBe(0);
  });

  it('the same hashtag twice → its options change (no second subscription); past the cap → subscription.limit', async () => {
    const { w, router, chat } = await setup(2);
    await router.handleText('/subscribe a1', chat(true));
    expect(spoken(await router.handleText('/subscribe a1 10:00', chat(true)))).toMatchObject({
      kind: 'notice',
      text: 'Updated #a1: a digest every day at 10:00 UTC with the threads that are new or have grown. Every thread counts.',
    });
    expect(await w.stores.subscriptions.list()).toMatchObject([{ tag: 'a1', schedule: { kind: 'daily', time: '10:00' } }]);
    await router.handleText('/subscribe a2', chat(true));
    expect(spoken(await router.handleText('/subscribe a3', chat(true)))).toMatchObject({
      failure: { code: 'subscription.limit', limit: 2 },
      message: 'This chat already has 2 subscriptions, the most allowed: /unsubscribe one first.',
    });
  });

  it('/subscriptions lists this chat’s (topic’s) subscriptions with paused ones and why; /unsubscribe removes one', async () => {
    const { w, router, chat } = await setup();
    await router.handleText('/subscribe xinjiang', chat(true));
    await router.handleText('/subscribe china 18:00 America/New_York', chat(true));
    await router.handleText('/subscribe tibet', chat(true, { topicId: '7' }));
    await w.stores.subscriptions.pause(2, 'delivery failed 5 times: 502', new Date());
    expect(await router.handleText('/subscriptions', chat(false))).toEqual({
      kind: 'subscriptions',
      subscriptions: [
        {
          id: 1,
          tag: 'xinjiang',
          subject: '#xinjiang',
          schedule: '09:00 UTC',
          cadence: { kind: 'daily', time: '09:00', zone: 'UTC' },
          langs: [],
          minPosts: undefined,
          require: [],
          exclude: [],
          muted: [],
          paused: false,
          pausedReason: undefined,
        },
        {
          id: 2,
          tag: 'china',
          subject: '#china',
          schedule: '18:00 America/New_York',
          cadence: { kind: 'daily', time: '18:00', zone: 'America/New_York' },
          langs: [],
          minPosts: undefined,
          require: [],
          exclude: [],
          muted: [],
          paused: true,
          pausedReason: 'delivery failed 5 times: 502',
        },
      ],
    });
    expect(await router.handleText('/unsubscribe #China', chat(true))).toMatchObject({ kind: 'notice' });
    expect(await router.handleText('/unsubscribe china', chat(true))).toMatchObject({ failure: { code: 'subscription.unknown' } });
    expect((await w.stores.subscriptions.list()).map((s) => s.tag)).toEqual(['xinjiang', 'tibet']);
  });

  it('subscribing again to a paused subscription → resumed with the new time', async () => {
    const { w, router, chat } = await setup();
    await router.handleText('/subscribe xinjiang', chat(true));
    await w.stores.subscriptions.pauseChat('telegram', '-100', 'Forbidden: bot was kicked from the group chat', new Date());
    expect(spoken(await router.handleText('/subscribe xinjiang 08:00', chat(true)))).toMatchObject({ text: expect.stringMatching(/^Resumed #xinjiang/u) });
    expect(await w.stores.subscriptions.list()).toMatchObject([{ pausedAt: undefined, schedule: { time: '08:00' } }]);
  });

  it('in the console chat → command.unsupported (there is no one to deliver to)', async () => {
    const { router } = await setup();
    const consoleChat: ChatContext = { platform: 'console', chatId: 'console', deliverable: false, isAdmin: async () => true, botCanPost: async () => true };
    expect(await router.handleText('/subscribe xinjiang', consoleChat)).toMatchObject({ failure: { code: 'command.unsupported' } });
  });

  it('/subscribe with every option → one subscription, the notice says each option in words, /subscriptions lists them', async () => {
    const { w, router, chat } = await setup();
    const reply = await router.handleText('/subscribe xinjiang weekly mon 08:00 Europe/Oslo lang:en,fr min:3 +cotton -football mute:@spam', chat(true));
    expect(spoken(reply)).toMatchObject({
      kind: 'notice',
      text: 'Subscribed to #xinjiang: a digest every Monday at 08:00 Europe/Oslo with the threads that are new or have grown. Only threads in English or French, of 3+ posts, mentioning cotton, not mentioning football, not by @spam.',
    });
    const listed = await router.handleText('/subscriptions', chat(false));
    const { renderReply } = await import('../../../src/platforms/console/render.ts');
    expect(listed && renderReply(listed, new Date())).toBe(
      'Subscriptions:\n  #xinjiang — every Monday at 08:00 Europe/Oslo; threads in English or French, of 3+ posts, mentioning cotton, not mentioning football, not by @spam',
    );
    expect(spoken(await router.handleText('/subscribe xinjiang live:3 words:none', chat(true)))).toMatchObject({
      kind: 'notice',
      text: 'Updated #xinjiang: each thread on its own as soon as it has 3 posts, at most 3 an hour. Only threads in English or French, not by @spam.',
    });
    expect(await w.stores.subscriptions.list()).toMatchObject([{ schedule: { kind: 'live', perHour: 3, zone: 'Europe/Oslo' }, require: [], exclude: [] }]);
  });

  it('a mistake in an option → its one sentence, nothing stored, and no admin lookup', async () => {
    const { w, router, chat, adminChecks } = await setup();
    expect(spoken(await router.handleText('/subscribe xinjiang min:0', chat(true)))).toMatchObject({
      message: '“min:0” is not a minimum: use a whole number of posts from 1 to 1000, like min:3.',
    });
    expect(await router.handleText('/subscribe xinjiang +co*on', chat(true))).toMatchObject({ failure: { code: 'word.invalid' } });
    expect(await w.stores.subscriptions.list()).toEqual([]);
    expect(adminChecks()).toBe(0);
  });

  it('/subscribe @handle → the author followed (by key), named in words; /unsubscribe @handle removes it; an unknown author → one sentence', async () => {
    const { w, router, chat } = await setup();
    expect(spoken(await router.handleText('/subscribe @user_a1 daily 07:00', chat(true)))).toMatchObject({
      kind: 'notice',
      text: 'Subscribed to @x.com/user_a1: a digest every day at 07:00 UTC with the threads that are new or have grown.',
    });
    expect(await w.stores.subscriptions.list()).toMatchObject([{ tag: '@x|a1', author: { key: 'x|a1', ref: 'x.com/user_a1' } }]);
    expect(await w.stores.subscriptions.followedTags()).toEqual([]);
    expect(spoken(await router.handleText('/subscribe @nobody', chat(true)))).toMatchObject({
      message: 'No threads by @nobody are stored yet; /unroll a link to one of their posts to add one.',
    });
    expect(spoken(await router.handleText('/unsubscribe @x.com/user_a1', chat(true)))).toMatchObject({
      kind: 'notice',
      text: 'Unsubscribed from @x.com/user_a1: no more digests of it here.',
    });
    expect(await w.stores.subscriptions.list()).toEqual([]);
  });
});
