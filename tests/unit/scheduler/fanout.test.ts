import { describe, expect, it } from 'vitest';
import { runFanout } from '../../support/fanout-world.ts';

describe('fan-out through the real publishers against the fakes, limits on', () => {
  it('2,000 subscriptions on both platforms with 429s and a 403 injected → every active chat gets each digest exactly once, the blocked ones are paused', async () => {
    const figures = await runFanout({ telegramChats: 800, discordChannels: 200, telegramTimeScale: 10, injected429s: 3 });
    expect(figures.report).toMatchObject({ owed: 2000, gone: 2, abandoned: 0 });
    expect(figures.report.sent + figures.firstRunFailures).toBe(1996);
    expect(figures.telegram).toMatchObject({ messages: 1598, lost: 0, duplicates: 0 });
    expect(figures.discord).toMatchObject({ messages: 398, lost: 0, duplicates: 0 });
    expect(figures.pausedChats).toHaveLength(4);
    expect(figures.pausedChats.filter((p) => p.startsWith('telegram:') && p.includes('Forbidden'))).toHaveLength(2);
    expect(figures.pausedChats.filter((p) => p.startsWith('discord:'))).toHaveLength(2);
    console.log(
      `fan-out: ${figures.report.owed} digests in ${figures.seconds.toFixed(1)} s; Telegram ${figures.telegram.perSecond.toFixed(0)} msg/s of ${figures.telegram.allowedPerSecond} allowed (windows ÷10); Discord ${figures.discord.perSecond.toFixed(1)} req/s of ${figures.discord.allowedPerSecond} allowed`,
    );
  }, 120_000);
});
