/**
 * Fan-out figures at the platforms' real limits (not a test: timings are printed, not asserted).
 * Run: npx tsx bench/fanout-at-limits.ts [telegramChats] [discordChannels] [telegramTimeScale]
 */
import { runFanout } from '../tests/support/fanout-world.ts';

const [tg = '500', dc = '500', scale = '1'] = process.argv.slice(2);
const figures = await runFanout({
  telegramChats: Number(tg),
  discordChannels: Number(dc),
  telegramTimeScale: Number(scale),
  injected429s: Number(process.argv[5] ?? 3),
});
const { report, seconds, telegram, discord } = figures;
console.log(
  `${report.owed} digests owed, ${report.sent} sent, ${report.gone} gone, ${report.failed} failed, in ${seconds.toFixed(1)} s; ${figures.firstRunFailures} left to a retry run, counts below are after it`,
);
console.log(
  `Telegram: ${telegram.messages} messages, ${telegram.perSecond.toFixed(1)} msg/s (allowed ${telegram.allowedPerSecond}/s), lost ${telegram.lost}, duplicates ${telegram.duplicates}`,
);
console.log(
  `Discord: ${discord.messages} messages in ${discord.requests} requests, ${discord.perSecond.toFixed(1)} req/s (allowed ${discord.allowedPerSecond}/s), lost ${discord.lost}, duplicates ${discord.duplicates}`,
);
console.log(`paused: ${figures.pausedChats.join('; ')}`);
if (figures.failures.length > 0) console.log('to retry:', figures.failures);
