import { message } from '../../../../src/core/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDiscordDigest } from '../../../../src/platforms/discord/index.ts';
import { tagChoice } from '../../../../src/platforms/discord/interactions.ts';
import { renderInteractionReply } from '../../../../src/platforms/discord/render-reply.ts';
import { PERMISSIONS } from '../../../fakes/discord/index.ts';
import { validateChoices, validateMessage } from '../../../fakes/discord/validate.ts';
import { digestOf, summary } from '../../../support/telegram.ts';
import { makeChain } from '../../../support/posts.ts';
import { startHarness, type Harness } from '../../../support/discord-bot.ts';

// Issue 12, item 5: a tag of 50 astral letters (valid from post text) was cut with .slice(0, 100)
// into a lone surrogate; Discord rejected the whole autocomplete answer, and the choice value was a
// different, shorter tag. Lone surrogates also reached router-produced messages.

const ASTRAL = '𠀀'; // CJK Extension B: one letter, two UTF-16 units
const FIFTY = ASTRAL.repeat(50); // 100 UTF-16 units: "#" + it is 101
const SEVENTY = `${ASTRAL.repeat(69)}a`; // 139 units: too long for a choice value as it is

let h: Harness;
beforeAll(async () => {
  h = await startHarness([
    ...makeChain('fifty', 2, 'a1', { hashtags: [FIFTY] }),
    ...makeChain('seventy', 2, 'a2', { hashtags: [SEVENTY], text: 'the long one' }),
  ]);
});
afterAll(async () => {
  await h.close();
});

const who = () => ({ guildId: h.guild, channelId: h.channel, permissions: PERMISSIONS.member });
type Choice = { name: string; value: string };

describe('Discord autocomplete with astral hashtags', () => {
  it('typing the first letter → both tags offered, the answer accepted; names cut whole, no lone surrogate', async () => {
    const interaction = await h.fake.autocomplete('threads', { hashtag: ASTRAL }, 'hashtag', who()).answered();
    expect(interaction.callbacks).toHaveLength(1); // the fake refuses (400) what Discord refuses
    const choices = (interaction.callbacks[0]?.data as { choices: Choice[] }).choices;
    expect(choices).toHaveLength(2);
    for (const choice of choices) {
      expect(choice.name.isWellFormed() && choice.value.isWellFormed()).toBe(true);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(choices.map((c) => c.value)).toContain(FIFTY);
  });

  it('the over-long tag’s choice, sent back as the command’s value → the real tag’s threads, not a shorter tag', async () => {
    const choice = tagChoice(SEVENTY, 1);
    expect(choice.value).not.toBe(SEVENTY);
    const interaction = await h.fake.slash('threads', { hashtag: choice.value }, who()).answered();
    const data = interaction.callbacks[0]?.data as { content: string; embeds: { description?: string }[] };
    expect(data.content).toContain(`#${SEVENTY} —`);
    expect(data.embeds[0]?.description).toContain('the long one');
  });

  it('tagChoice for any tag → within Discord’s limits, well-formed, the value the tag itself whenever it fits', async () => {
    for (const tag of ['xinjiang', FIFTY, SEVENTY, '😀'.repeat(100), 'a'.repeat(100)]) {
      expect(validateChoices([tagChoice(tag, 12345)])).toBeUndefined();
      if (tag.length <= 100) expect(tagChoice(tag, 1).value).toBe(tag);
    }
  });

  it('replies and digests carrying lone surrogates → every string well-formed, every body one Discord accepts', async () => {
    const item = summary({ excerpt: `cut \ud83d here ${'\udc00'.repeat(5)}`, author: { handle: 'h\ud800', name: '\udbff' } });
    const messages = [
      ...renderInteractionReply({ kind: 'notice', message: message('more.last', { tag: 'bad \ud800 notice' }) }),
      ...renderInteractionReply({ kind: 'search', words: '\udfff', buttonRef: 'x', items: [item], threads: [], total: 1, nextCursor: null }),
      ...renderInteractionReply({ kind: 'related', tag: 'a', related: [{ tag: 'b\ud800', threads: 1 }] }),
      ...renderDiscordDigest(digestOf([item, item])),
    ];
    for (const message of messages) {
      expect(
        JSON.stringify(message).includes('\\ud8') ||
          JSON.stringify(message).includes('\\udc') ||
          JSON.stringify(message).includes('\\udb') ||
          JSON.stringify(message).includes('\\udf'),
      ).toBe(false);
      expect(validateMessage(message as unknown as Record<string, unknown>, { create: true })).toBeUndefined();
    }
  });
});
