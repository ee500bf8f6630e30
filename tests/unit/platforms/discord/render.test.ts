import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, renderDiscordDigest } from '../../../../src/platforms/discord/index.ts';
import { embedLength, fitEmbeds, summaryEmbed } from '../../../../src/platforms/discord/embeds.ts';
import { clamp, neutralize } from '../../../../src/platforms/discord/safe-text.ts';
import { digestOf, summary } from '../../../support/discord.ts';

describe('neutralize', () => {
  it('@everyone, @here and mention syntax → broken so they neither ping nor render', () => {
    const out = neutralize('@everyone @Here <@123> <@&456> <#789> </cmd:1>');
    expect(out).not.toMatch(/@everyone|@here|<@|<#|<\//iu);
  });

  it('markdown → escaped so it shows as typed', () => {
    expect(neutralize('**b** __u__ ~~s~~ ||sp|| `c` [l](https://x)')).toBe(
      '\\*\\*b\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|\\|sp\\|\\| \\`c\\` \\[l\\](https://x)',
    );
    expect(neutralize('# h\n> q\n- item\n12. n\n-# small')).toBe('\\# h\n\\> q\n\\- item\n12\\. n\n\\-# small');
  });
});

describe('clamp', () => {
  it('text over the limit → cut with an ellipsis, never inside an emoji or after a lone backslash', () => {
    expect(clamp('🧵'.repeat(10), 6)).toBe('🧵🧵…');
    expect(clamp('abc\\*def', 5)).toBe('abc…');
    expect(clamp('short', 10)).toBe('short');
  });
});

describe('embeds', () => {
  it('ten 4096-character excerpts → shortened together to the 6000 total, each keeping some text', () => {
    const embeds = fitEmbeds(Array.from({ length: 10 }, (_, i) => summaryEmbed(summary({ excerpt: 'z'.repeat(4096) }, i))));
    expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
    for (const e of embeds) expect(e.description?.length).toBeGreaterThan(100);
  });

  it('an author name of 300 characters and a non-http link → clamped to 256, no url', () => {
    const embed = summaryEmbed(summary({ author: { handle: 'h', name: 'n'.repeat(300) }, link: 'javascript:alert(1)' }));
    expect(embed.author?.name.length).toBe(256);
    expect(embed.url).toBeUndefined();
  });
});

describe('renderDiscordDigest', () => {
  it('50 threads with 4096-character excerpts → messages within every limit, all threads in order', () => {
    const items = Array.from({ length: 50 }, (_, i) => summary({ excerpt: `${i} ${'w'.repeat(4090)}` }, i));
    const messages = renderDiscordDigest(digestOf(items));
    for (const m of messages) {
      expect(m.embeds?.length ?? 0).toBeLessThanOrEqual(10);
      expect((m.embeds ?? []).reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
      expect(m.content?.length ?? 0).toBeLessThanOrEqual(2000);
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
    const order = messages.flatMap((m) => m.embeds ?? []).map((e) => Number(e.description?.split(' ')[0]));
    expect(order).toEqual(items.map((_, i) => i));
    expect(messages[0]?.content).toBe('\\#xinjiang — threads of 2026-11-23');
  });

  it('an empty digest → one short note', () => {
    expect(renderDiscordDigest(digestOf([]))).toEqual([
      { content: '\\#xinjiang — threads of 2026-11-23\nNothing new since 2026-11-22 12:00 UTC.', allowed_mentions: { parse: [] } },
    ]);
  });
});
