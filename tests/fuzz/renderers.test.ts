import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/platforms/console/render.ts';
import { forumPostName, renderDiscordDigest } from '../../src/platforms/discord/index.ts';
import { tagChoice } from '../../src/platforms/discord/interactions.ts';
import { renderInteractionReply } from '../../src/platforms/discord/render-reply.ts';
import { message, createButtonCodec, usageOf } from '../../src/core/index.ts';
const createCallbackCodec = () => createButtonCodec({ maxBytes: 64 });
import { renderReplyHtml, renderTelegramDigestMessages } from '../../src/platforms/telegram/index.ts';
import { CORE_COMMANDS, SUBSCRIPTION_COMMANDS, type Digest, type Reply, type ThreadSummary } from '../../src/core/index.ts';
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
  link: fc.oneof(fc.constant(''), fc.webUrl(), hostileShort.map((s) => `https://example.org/${s}`), hostileShort),
  lang: hostileShort,
  createdAt: hostileDate,
  hashtags: fc.array(hostileShort, { maxLength: 5 }),
  grownBy: fc.nat(1000),
});

const digest: fc.Arbitrary<Digest> = fc.record({
  tag: hostileShort,
  title: hostileText(10),
  since: hostileDate,
  until: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  items: fc.array(summary, { maxLength: 14 }),
});

const reply: fc.Arbitrary<Reply> = fc.oneof(
  fc.record({ kind: fc.constant('threads' as const), tag: hostileShort, sort: fc.constantFrom('recent' as const, 'best' as const), items: fc.array(summary, { maxLength: 6 }), threads: fc.constant([]), total: fc.nat(), cursor: fc.option(hostileShort, { nil: undefined }), nextCursor: fc.option(fc.stringMatching(/^[a-z0-9.]{1,20}$/u), { nil: null }) }),
  fc.record({ kind: fc.constant('search' as const), words: hostileText(60), items: fc.array(summary, { maxLength: 6 }), threads: fc.constant([]), total: fc.nat(), nextCursor: fc.constant(null) }),
  fc.record({ kind: fc.constant('related' as const), tag: hostileShort, related: fc.array(fc.record({ tag: hostileShort, threads: fc.nat() }), { maxLength: 12 }) }),
  fc.record({ kind: fc.constant('digest' as const), digest }),
  // The help lists Spool's own commands: no outside text reaches it.
  fc.constant({ kind: 'help' as const, commands: [...CORE_COMMANDS, ...SUBSCRIPTION_COMMANDS].map((c) => ({ name: c.name, usage: usageOf(c), description: c.description })) }),
  fc.record({ kind: fc.constant('notice' as const), message: hostileText(80).filter((t) => t.trim() !== '').map((tag) => message('more.last', { tag })) }),
  fc.record({ kind: fc.constant('subscriptions' as const), subscriptions: fc.array(fc.record({ id: fc.nat(), tag: hostileShort, schedule: hostileShort, paused: fc.boolean(), pausedReason: fc.option(hostileText(5), { nil: undefined }) }), { maxLength: 30 }) }),
  fc.record({ kind: fc.constant('failure' as const), failure: fc.constant({ code: 'internal' as const }), message: hostileText(80).filter((t) => t.trim() !== '') }),
);

describe('renderers on hostile replies', () => {
  it('Telegram: every message valid HTML, ≤ 4096 after entity parsing, well-formed; every button within limits', async () => {
    const codec = createCallbackCodec();
    fc.assert(fc.property(reply, (r) => expectTelegramReply(renderReplyHtml(r, NOW, codec, { publicUrl: 'https://spool.example.org' }))), budget(150));
  });

  it('Telegram digests: the same for every message of a digest', async () => {
    fc.assert(fc.property(digest, (d) => expectTelegramReply({ messages: renderTelegramDigestMessages(d, NOW) })), budget(60));
  });

  it('Discord: every interaction message within Discord’s limits, mentioning nobody, well-formed', async () => {
    fc.assert(fc.property(reply, (r) => renderInteractionReply(r).forEach(expectDiscordMessage)), budget(150));
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
      fc.property(fc.array(fc.tuple(hostileShort.filter((t) => t !== ''), fc.nat()), { maxLength: 25 }), (tags) => {
          expect(validateChoices(tags.map(([t, n]) => tagChoice(t, n)))).toBeUndefined();
        }),
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
