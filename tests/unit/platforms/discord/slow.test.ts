import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRouter } from '../../../../src/core/index.ts';
import { makeChain } from '../../../support/posts.ts';
import { startHarness, type Harness } from '../../../support/discord-bot.ts';

/** A router that takes longer than the bot's defer threshold, or throws, on demand. */
function slowRouter(router: ChatRouter): ChatRouter {
  return {
    ...router,
    async execute(name, args, ctx, options) {
      if (args[0] === 'explode') throw new Error('database is locked');
      await new Promise((resolve) => setTimeout(resolve, 60));
      if (args[0] === 'late') throw new Error('database is locked');
      return router.execute(name, args, ctx, options);
    },
  };
}

let h: Harness;
const who = () => ({ guildId: h.guild, channelId: h.channel });

beforeAll(async () => {
  h = await startHarness(makeChain('cotton', 4, 'a1', { lang: 'en' }), { deferAfterMs: 10, wrapRouter: slowRouter });
});
afterAll(async () => {
  await h.close();
});

describe('discord bot when the work is slow or fails', () => {
  it('work slower than the defer threshold → deferred (type 5) at once, then the answer edits @original', async () => {
    const interaction = await h.fake.slash('threads', { hashtag: 'xinjiang' }, who()).answered();
    expect(interaction.callbacks.map((c) => c.type)).toEqual([5]);
    expect(interaction.original?.embeds).toHaveLength(1);
    expect(interaction.original?.content).toContain('Threads about');
    const edit = h.fake.captured.find((r) => r.method === 'PATCH' && r.path.includes(interaction.token));
    expect(edit?.path).toMatch(/\/messages\/@original$/u);
    expect(edit?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('a slow answer that is a failure → the public placeholder is removed and the sentence comes ephemeral', async () => {
    const interaction = await h.fake.slash('threads', { hashtag: 'xinjang' }, who()).answered();
    expect(interaction.callbacks.map((c) => c.type)).toEqual([5]);
    expect(interaction.original).toBeUndefined();
    expect(interaction.followups[0]?.content).toContain('No threads about #xinjang yet');
    expect(interaction.followups[0]?.flags).toBe(64);
  });

  it('the router throwing after the answer was deferred → the placeholder is removed and the apology is ephemeral', async () => {
    const sent = h.fake.slash('threads', { hashtag: 'late' }, who());
    await sent.callback;
    await h.fake.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/webhooks/${h.fake.appId}/${sent.interaction.token}`));
    expect(sent.interaction.callbacks.map((c) => c.type)).toEqual([5]);
    expect(sent.interaction.original).toBeUndefined();
    expect(sent.interaction.followups[0]).toMatchObject({
      flags: 64,
      content: 'Something went wrong on our side; it has been logged. Please try again in a minute.',
    });
  });

  it('a page button with slow work → acknowledged with a deferred update (type 6), then the message is edited', async () => {
    const first = await h.fake.slash('threads', { hashtag: 'xinjiang' }, who()).answered();
    const message = first.original;
    const sort = (message?.components as { components: { label: string; custom_id: string }[] }[] | undefined)?.[0]?.components.find((b) => b.label === 'Best');
    if (!message || !sort) throw new Error('no sort button on the first answer');
    const pressed = await h.fake.button(sort.custom_id, message, who()).answered();
    expect(pressed.callbacks.map((c) => c.type)).toEqual([6]);
    expect(message.content).toContain('— best');
    expect(message.edited_timestamp).not.toBeNull();
  });

  it('the router throwing → an ephemeral apology and an error log line, never silence', async () => {
    const interaction = await h.fake.slash('threads', { hashtag: 'explode' }, who()).answered();
    const data = interaction.callbacks[0]?.data as { content: string; flags: number };
    expect(data.content).toBe('Something went wrong on our side; it has been logged. Please try again in a minute.');
    expect(data.flags).toBe(64);
    expect(h.logs.some((e) => e.level === 'error' && e.msg === 'discord interaction failed')).toBe(true);
  });
});
