import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/platforms/console/render.ts';
import { forumPostName, renderDiscordDigest } from '../../src/platforms/discord/index.ts';
import { tagChoice } from '../../src/platforms/discord/interactions.ts';
import { renderInteractionReply } from '../../src/platforms/discord/render-reply.ts';
import { BUTTON_REF_BYTES, createButtonCodec, message, usageOf } from '../../src/core/index.ts';
const createCallbackCodec = () => createButtonCodec({ maxBytes: 64 });
import { renderReplyHtml, renderTelegramDigestMessages } from '../../src/platforms/telegram/index.ts';
import {
  CORE_COMMANDS,
  SUBSCRIPTION_COMMANDS,
  type AuthorSummary,
  type Cadence,
  type Digest,
  type Reply,
  type StoredThread,
  type SubscriptionView,
  type ThreadPost,
  type ThreadSummary,
} from '../../src/core/index.ts';
import { validateChoices } from '../fakes/discord/validate.ts';
import { hostileDate, hostileShort, hostileText } from './hostile.ts';
import { expectDiscordMessage, expectTelegramReply } from './outgoing.ts';
import { budget } from './settings.ts';

// Every renderer on generated hostile replies and digests (issue 12, "Done when"): every Telegram
// message ≤ 4096 after entity parsing, no lone surrogate in any outgoing text, every Discord payload
// within limits and pinging nobody.

const NOW = new Date('2026-11-23T12:00:00Z');

const summary: fc.Arbitrary<ThreadSummary> = fc.record({
  threadId: hostileShort,
  author: fc.record({ handle: hostileShort, name: hostileShort }),
  excerpt: hostileText(120),
  postCount: fc.integer({ min: 1, max: 100_000 }),
  storedCount: fc.integer({ min: 1, max: 100_000 }),
  link: fc.oneof(
    fc.constant(''),
    fc.webUrl(),
    hostileShort.map((s) => `https://example.org/${s}`),
    hostileShort,
  ),
  lang: hostileShort,
  createdAt: hostileDate,
  hashtags: fc.array(hostileShort, { maxLength: 5 }),
  grownBy: fc.nat(1000),
  authorLink: fc.option(
    fc.oneof(
      fc.webUrl(),
      hostileShort.map((h) => `https://spool.example.org/author/${h}`),
    ),
    { nil: undefined },
  ),
  // Marks as a search makes them, and out of order or out of range: a renderer must not trust them.
  marks: fc.option(
    fc.array(
      fc.tuple(fc.nat(150), fc.nat(150)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
      { maxLength: 6 },
    ),
    { nil: undefined },
  ),
  growth: fc.option(fc.record({ added: fc.integer({ min: 1, max: 10_000 }), since: hostileDate.map((time) => ({ kind: 'time' as const, time })) }), {
    nil: undefined,
  }),
});

const post: fc.Arbitrary<ThreadPost> = fc.record({
  id: hostileShort,
  text: hostileText(700),
  createdAt: hostileDate,
  url: fc.oneof(fc.constant(''), fc.webUrl()),
  media: fc.nat(4),
});

const storedThread: fc.Arbitrary<StoredThread> = fc.record({
  id: hostileShort,
  source: fc.constantFrom('x' as const, 'mastodon' as const, 'bluesky' as const, 'rss' as const),
  url: fc.oneof(fc.constant(''), fc.webUrl()),
  author: fc.record({ id: hostileShort, handle: hostileShort, name: hostileShort }),
  postCount: fc.integer({ min: 1, max: 100_000 }),
  storedCount: fc.integer({ min: 1, max: 100_000 }),
  posts: fc.array(post, { minLength: 1, maxLength: 8 }),
  hashtags: fc.array(hostileShort, { maxLength: 5 }),
  lang: hostileShort,
  createdAt: hostileDate,
  updatedAt: hostileDate,
  score: fc.nat(),
  metrics: fc.record({ likes: fc.nat(), reposts: fc.nat(), replies: fc.nat() }),
  firstSeenAt: hostileDate,
  grownAt: hostileDate,
});

const author: fc.Arbitrary<AuthorSummary> = fc.record({
  key: hostileShort,
  source: fc.constantFrom('x' as const, 'mastodon' as const, 'bluesky' as const),
  id: hostileShort,
  handle: hostileShort,
  name: hostileShort,
  threads: fc.nat(),
});

const cadence: fc.Arbitrary<Cadence> = fc.oneof(
  fc.record({ kind: fc.constant('daily' as const), time: hostileShort, zone: hostileShort }),
  fc.record({ kind: fc.constant('weekly' as const), weekday: fc.integer({ min: 0, max: 6 }), time: hostileShort, zone: hostileShort }),
  fc.constant({ kind: 'hourly' as const }),
  fc.record({ kind: fc.constant('live' as const), perHour: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('cron' as const), expression: hostileShort, zone: hostileShort }),
);

/** A subscription as a chat lists it: its words (filters, muted handles) are what people typed. */
const subscriptionView: fc.Arbitrary<SubscriptionView> = fc.record({
  id: fc.nat(),
  tag: hostileShort,
  subject: hostileShort,
  schedule: hostileShort,
  cadence,
  paused: fc.boolean(),
  pausedReason: fc.option(hostileText(5), { nil: undefined }),
  langs: fc.option(fc.array(hostileShort, { maxLength: 4 }), { nil: undefined }),
  minPosts: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
  require: fc.option(fc.array(hostileShort, { maxLength: 10 }), { nil: undefined }),
  exclude: fc.option(fc.array(hostileShort, { maxLength: 10 }), { nil: undefined }),
  muted: fc.option(fc.array(hostileShort, { maxLength: 10 }), { nil: undefined }),
});

/** What paging buttons carry: the query itself (at most 32 bytes) or a stored key. */
const buttonRef = fc.oneof(
  fc.stringMatching(/^~[A-Za-z0-9_-]{12}$/u),
  hostileText(4).filter((ref) => ref.isWellFormed() && !ref.startsWith('~') && Buffer.byteLength(ref) <= BUTTON_REF_BYTES),
);

const digest: fc.Arbitrary<Digest> = fc.record({
  tag: hostileShort,
  title: hostileText(10),
  since: hostileDate,
  until: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  items: fc.array(summary, { maxLength: 14 }),
});

const reply: fc.Arbitrary<Reply> = fc.oneof(
  fc.record({
    kind: fc.constant('threads' as const),
    tag: hostileShort,
    sort: fc.constantFrom('recent' as const, 'best' as const),
    items: fc.array(summary, { maxLength: 6 }),
    threads: fc.constant([]),
    total: fc.nat(),
    cursor: fc.option(hostileShort, { nil: undefined }),
    nextCursor: fc.option(fc.stringMatching(/^[a-z0-9.]{1,20}$/u), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('search' as const),
    words: hostileText(60),
    buttonRef,
    cursor: fc.option(fc.stringMatching(/^[a-z0-9.]{1,20}$/u), { nil: undefined }),
    items: fc.array(summary, { maxLength: 6 }),
    threads: fc.constant([]),
    total: fc.nat(),
    nextCursor: fc.option(fc.stringMatching(/^[a-z0-9.]{1,20}$/u), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('author' as const),
    author,
    ref: hostileShort,
    buttonRef,
    sort: fc.constantFrom('recent' as const, 'best' as const),
    items: fc.array(summary, { maxLength: 6 }),
    threads: fc.constant([]),
    total: fc.nat(),
    nextCursor: fc.option(fc.stringMatching(/^[a-z0-9.]{1,20}$/u), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('thread' as const),
    thread: storedThread,
    posts: fc.array(post, { minLength: 1, maxLength: 12 }),
    first: fc.integer({ min: 1, max: 1000 }),
    page: fc.integer({ min: 1, max: 100 }),
    pages: fc.integer({ min: 1, max: 100 }),
    buttonRef,
    readerLink: fc.option(fc.webUrl(), { nil: undefined }),
    authorLink: fc.option(fc.webUrl(), { nil: undefined }),
    update: fc.option(fc.record({ status: fc.constantFrom('new' as const, 'grown' as const, 'same' as const), added: fc.nat(1000) }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('related' as const),
    tag: hostileShort,
    related: fc.array(fc.record({ tag: hostileShort, threads: fc.nat() }), { maxLength: 12 }),
  }),
  fc.record({ kind: fc.constant('digest' as const), digest }),
  // The help lists Spool's own commands: no outside text reaches it.
  fc.constant({
    kind: 'help' as const,
    commands: [...CORE_COMMANDS, ...SUBSCRIPTION_COMMANDS].map((c) => ({ name: c.name, usage: usageOf(c), description: c.description })),
  }),
  fc.record({
    kind: fc.constant('notice' as const),
    message: hostileText(80)
      .filter((t) => t.trim() !== '')
      .map((tag) => message('more.last', { tag })),
  }),
  fc.record({ kind: fc.constant('subscriptions' as const), subscriptions: fc.array(subscriptionView, { maxLength: 30 }) }),
  fc.record({
    kind: fc.constant('failure' as const),
    failure: fc.constant({ code: 'internal' as const }),
    message: hostileText(80).filter((t) => t.trim() !== ''),
  }),
);

describe('renderers on hostile replies', () => {
  it('Telegram: every message valid HTML, ≤ 4096 after entity parsing, well-formed; every button within limits', async () => {
    const codec = createCallbackCodec();
    fc.assert(
      fc.property(reply, (r) => expectTelegramReply(renderReplyHtml(r, NOW, codec, { publicUrl: 'https://spool.example.org' }))),
      budget(150),
    );
  });

  it('Telegram digests: the same for every message of a digest', async () => {
    fc.assert(
      fc.property(digest, (d) => expectTelegramReply({ messages: renderTelegramDigestMessages(d, NOW) })),
      budget(60),
    );
  });

  it('Discord: every interaction message within Discord’s limits, mentioning nobody, well-formed', async () => {
    fc.assert(
      fc.property(reply, (r) => renderInteractionReply(r).forEach(expectDiscordMessage)),
      budget(150),
    );
  });

  it('Discord digests: every message, and the forum post’s name', async () => {
    fc.assert(
      fc.property(digest, (d) => {
        renderDiscordDigest(d).forEach(expectDiscordMessage);
        const name = forumPostName(d);
        expect(name.isWellFormed() && [...name].length >= 1 && [...name].length <= 100).toBe(true);
      }),
      budget(60),
    );
  });

  it('Discord autocomplete: any stored tag’s choice is one Discord accepts', async () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            hostileShort.filter((t) => t !== ''),
            fc.nat(),
          ),
          { maxLength: 25 },
        ),
        (tags) => {
          expect(validateChoices(tags.map(([t, n]) => tagChoice(t, n)))).toBeUndefined();
        },
      ),
      budget(100),
    );
  });

  it('console: every reply renders without throwing', async () => {
    fc.assert(
      fc.property(reply, (r) => {
        expect(typeof renderReply(r, NOW)).toBe('string');
      }),
      budget(100),
    );
  });
});
