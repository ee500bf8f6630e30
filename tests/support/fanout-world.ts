import { createDiscordPublisher } from '../../src/platforms/discord/index.ts';
import { createTelegramPublisher, TELEGRAM_SEND_LIMITS, type SendLimits } from '../../src/platforms/telegram/index.ts';
import type { RunReport } from '../../src/scheduler/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.ts';
import { makeChain } from './posts.ts';
import { recordingLog, schedulerFor, testWorld } from './scheduler.ts';

/**
 * A fan-out through the real publishers against the fakes, with both platforms' limits on:
 * `telegramChats` Telegram supergroups and `discordChannels` Discord channels, each subscribed to
 * two hashtags, one new thread per hashtag. One chat of each platform refuses the bot (403).
 * `telegramTimeScale` shrinks Telegram's windows on both sides (10 → 300 messages/s) so that a
 * test stays short; 1 is Telegram as it is. Discord's 50 requests/s are always the real ones.
 */
export interface FanoutOptions {
  readonly telegramChats: number;
  readonly discordChannels: number;
  readonly telegramTimeScale: number;
  /** 429s injected into each platform during the run. */
  readonly injected429s: number;
}

export interface FanoutFigures {
  readonly report: RunReport;
  readonly seconds: number;
  readonly telegram: {
    readonly messages: number;
    readonly perSecond: number;
    readonly allowedPerSecond: number;
    readonly duplicates: number;
    readonly lost: number;
  };
  readonly discord: {
    readonly messages: number;
    readonly requests: number;
    readonly perSecond: number;
    readonly allowedPerSecond: number;
    readonly duplicates: number;
    readonly lost: number;
  };
  readonly pausedChats: readonly string[];
  /** Deliveries the first run left for a retry; the figures below are after that retry run. */
  readonly firstRunFailures: number;
  /** Why the first run's failed attempts failed, with counts. */
  readonly failures: readonly { last_error: string; n: number }[];
}

const TAGS = ['xinjiang', 'china'] as const;

function scaled(limits: SendLimits, scale: number): SendLimits {
  const w = (x: { count: number; windowMs: number }) => ({ count: x.count, windowMs: Math.max(1, Math.round(x.windowMs / scale)) });
  return { perChat: w(limits.perChat), perGroup: w(limits.perGroup), global: w(limits.global) };
}

export async function runFanout(options: FanoutOptions): Promise<FanoutFigures> {
  const telegram: FakeTelegram = await startFakeTelegram();
  const discord: FakeDiscord = await startFakeDiscord({ limits: true });
  const world = testWorld('2026-11-22T12:00:00Z');
  try {
    const limits = scaled(TELEGRAM_SEND_LIMITS, options.telegramTimeScale);
    telegram.setRateLimits(limits);
    const guild = discord.addGuild();
    const telegramIds = Array.from({ length: options.telegramChats }, (_, i) => String(-1_000_000_000_000 - i));
    const discordIds = Array.from({ length: options.discordChannels }, () => discord.addChannel({ guild_id: guild }));
    const blockedTelegram = telegramIds[Math.floor(telegramIds.length / 2)] as string;
    const blockedDiscord = discordIds[Math.floor(discordIds.length / 2)] as string;
    telegram.block(Number(blockedTelegram));
    discord.addChannel({ guild_id: guild, id: blockedDiscord, access: 'missing-access' });

    for (const [platform, ids] of [
      ['telegram', telegramIds],
      ['discord', discordIds],
    ] as const) {
      for (const chatId of ids) {
        for (const tag of TAGS) {
          const added = await world.stores.subscriptions.add(
            { target: { platform, chatId }, tag, schedule: { kind: 'daily', time: '09:00', zone: 'UTC' } },
            { maxPerChat: 25 },
          );
          if (!added.ok) throw new Error(added.failure.code);
        }
      }
    }
    world.clock.set('2026-11-23T08:00:00Z');
    for (const tag of TAGS) await world.stores.posts.ingest(makeChain(tag, 3, `author-${tag}`, { text: `${tag} #${tag}` }));
    world.clock.set('2026-11-23T09:00:00Z');

    for (let i = 0; i < options.injected429s; i++) {
      telegram.failNext({ status: 429, retryAfter: 1, method: 'sendMessage' });
      discord.failNext({ status: 429, retryAfter: 0.5, route: /^POST \/channels\/\d+\/messages$/u });
    }
    const log = recordingLog();
    const publishers = [
      createTelegramPublisher({ token: telegram.token, apiRoot: telegram.apiRoot, log, limits }),
      createDiscordPublisher({ token: discord.token, apiUrl: discord.apiUrl, log }),
    ];
    const sendGate = { telegram: { minIntervalMs: Math.ceil(34 / options.telegramTimeScale), holdMs: 1000 } };
    const scheduler = schedulerFor(world, publishers, {
      config: { maxThreads: 10, sendWhenEmpty: false, concurrency: { telegram: 100, discord: 50 }, sendGate },
    });
    const started = performance.now();
    const report = await scheduler.runOnce(world.clock.now());
    const seconds = (performance.now() - started) / 1000;
    // What failed (timeouts under load) is owed: the next run after the backoff delivers it.
    const firstRunFailures = report.failed;
    const failures = world.db
      .prepare<[], { last_error: string; n: number }>(`SELECT last_error, COUNT(*) AS n FROM delivery_ledger WHERE state = 'failed' GROUP BY last_error`)
      .all();
    if (report.failed > 0) {
      world.clock.set('2026-11-23T09:05:00Z');
      await scheduler.runOnce(world.clock.now());
    }

    const expectPerChat = TAGS.length;
    const tgCounts = new Map<string, number>();
    for (const m of telegram.messages) tgCounts.set(String(m.chat_id), (tgCounts.get(String(m.chat_id)) ?? 0) + 1);
    const tgActive = telegramIds.filter((id) => id !== blockedTelegram);
    const dcActive = discordIds.filter((id) => id !== blockedDiscord);
    const count = (n: number | undefined) => n ?? 0;
    const discordRequests = discord.captured.filter((r) => r.auth).length;
    const discordMessages = dcActive.reduce((n, id) => n + discord.messages(id).length, 0);
    return {
      report,
      seconds,
      firstRunFailures,
      telegram: {
        messages: telegram.messages.length,
        perSecond: telegram.messages.length / seconds,
        allowedPerSecond: (limits.global.count * 1000) / limits.global.windowMs,
        duplicates: tgActive.reduce((n, id) => n + Math.max(0, count(tgCounts.get(id)) - expectPerChat), 0),
        lost: tgActive.reduce((n, id) => n + Math.max(0, expectPerChat - count(tgCounts.get(id))), 0),
      },
      discord: {
        messages: discordMessages,
        requests: discordRequests,
        perSecond: discordRequests / seconds,
        allowedPerSecond: 50,
        duplicates: dcActive.reduce((n, id) => n + Math.max(0, discord.messages(id).length - expectPerChat), 0),
        lost: dcActive.reduce((n, id) => n + Math.max(0, expectPerChat - discord.messages(id).length), 0),
      },
      failures,
      pausedChats: (await world.stores.subscriptions.list())
        .filter((s) => s.pausedAt)
        .map((s) => `${s.target.platform}:${s.target.chatId}:${s.pausedReason ?? ''}`),
    };
  } finally {
    world.db.close();
    await Promise.all([telegram.close(), discord.close()]);
  }
}
