import {
  CORE_COMMANDS,
  SETTINGS_COMMANDS,
  SUBSCRIPTION_COMMANDS,
  UNROLL_COMMANDS,
  createCommandRouter,
  defineCommand,
  failureReply,
  hashtagArgument,
  HASHTAG_OPTION,
  message,
  type ChatRouter,
  type CommandDefinition,
  type Post,
  type RouterServices,
  type SettingsRouterServices,
  type SubscriptionRouterServices,
  type ThreadFetcher,
  type UnrollServices,
} from '../../src/core/index.ts';
import { createDiscordBot, type DiscordBot } from '../../src/platforms/discord/index.ts';
import { createSqliteStores, openDatabase, type SqliteStores } from '../../src/store/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.ts';
import { fixedClock } from './posts.ts';
import { recordingLog } from './discord.ts';

/**
 * Stand-in for the scheduler's `/subscribe` (issue 5), for tests about the bot rather than subscriptions: the same name, arguments and admin
 * check, answering `subscription.not-admin` for members who may not manage the channel.
 */
export const fakeSubscribe = defineCommand<RouterServices, readonly string[]>({
  name: 'subscribe',
  description: 'Post a daily digest here',
  options: [
    HASHTAG_OPTION,
    { name: 'channel', kind: 'chat', description: 'Text, announcement or forum channel (default: this one)' },
    { name: 'time', kind: 'time', label: 'HH:MM', description: 'Time of day, HH:MM on a 24-hour clock (e.g. 09:00)', maxLength: 5 },
    { name: 'timezone', kind: 'timezone', label: 'zone', description: 'IANA time zone, e.g. Europe/Oslo (default UTC)', maxLength: 64 },
  ],
  preconditions: ['deliverable-chat', 'chat-admin'],
  parse: (args) => {
    const tag = hashtagArgument(args[0]);
    return tag.ok ? { ok: true, value: [tag.value, ...args.slice(1)] } : tag;
  },
  async run([tag, time, zone], ctx, services) {
    if (tag === undefined || (await services.tags.tagCount(tag)) === 0)
      return failureReply({ code: 'hashtag.unknown', tag: tag ?? '', closest: await services.tags.closestTags(tag ?? '', 5) });
    return { kind: 'notice', message: message('subscriptions.line', { subject: `#${tag}`, cadence: `${time ?? '09:00'} ${zone ?? 'UTC'} in ${ctx.chatId}` }) };
  },
});

export interface Harness {
  stores: SqliteStores;
  fake: FakeDiscord;
  bot: DiscordBot;
  guild: string;
  channel: string;
  logs: ReturnType<typeof recordingLog>['entries'];
  close(): Promise<void>;
}

/** Real SQLite, the real router, the real discord.js client, against the fake Discord. */
export async function startHarness(
  posts: Post[],
  options: {
    deferAfterMs?: number;
    pageSize?: number;
    extra?: CommandDefinition<RouterServices>[];
    wrapRouter?: (router: ChatRouter) => ChatRouter;
    realSubscriptions?: boolean;
    fetcher?: ThreadFetcher;
    publicUrl?: string;
    /** The real subscription commands plus /settings and /language, over the store's chat settings. */
    settings?: boolean;
    /** Mark the harness's channel NSFW. */
    nsfw?: boolean;
  } = {},
): Promise<Harness> {
  const clock = fixedClock('2026-11-23T12:00:00Z');
  const db = openDatabase(':memory:');
  const stores = createSqliteStores(db, clock);
  await stores.posts.ingest(posts);
  const services: RouterServices = {
    threads: stores.threads,
    tags: stores.tags,
    authors: stores.authors,
    keys: stores.keys,
    clock,
    pageSize: options.pageSize ?? 5,
    links: { publicUrl: options.publicUrl },
    chatSettings: stores.chatSettings,
  };
  const full: SubscriptionRouterServices & SettingsRouterServices = {
    ...services,
    subscriptions: stores.subscriptions,
    maxSubscriptionsPerChat: 10,
    chatSettings: stores.chatSettings,
  };
  const fetcher = options.fetcher;
  const core = options.settings
    ? createCommandRouter(full, [...CORE_COMMANDS, ...SUBSCRIPTION_COMMANDS, ...SETTINGS_COMMANDS])
    : options.realSubscriptions
      ? createCommandRouter<SubscriptionRouterServices>({ ...services, subscriptions: stores.subscriptions, maxSubscriptionsPerChat: 10 }, [
          ...CORE_COMMANDS,
          ...SUBSCRIPTION_COMMANDS,
        ])
      : fetcher
        ? createCommandRouter<UnrollServices>({ ...services, posts: stores.posts, fetcher }, [...CORE_COMMANDS, ...UNROLL_COMMANDS])
        : createCommandRouter(services, [...CORE_COMMANDS, ...(options.extra ?? [fakeSubscribe])]);
  const router = options.wrapRouter ? options.wrapRouter(core) : core;
  const fake = await startFakeDiscord();
  const guild = fake.addGuild();
  const channel = fake.addChannel({ guild_id: guild, name: 'general', nsfw: options.nsfw ?? false });
  const { log, entries } = recordingLog();
  const bot = createDiscordBot({ token: fake.token, apiUrl: fake.apiUrl, guildId: guild, router, tags: stores.tags, log, deferAfterMs: options.deferAfterMs });
  await bot.start();
  return {
    stores,
    fake,
    bot,
    guild,
    channel,
    logs: entries,
    async close() {
      await bot.stop();
      await fake.close();
      db.close();
    },
  };
}
