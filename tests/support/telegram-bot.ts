import { readFileSync } from 'node:fs';
import {
  CORE_COMMANDS,
  createCommandRouter,
  defineCommand,
  HASHTAG_OPTION,
  message,
  ok,
  postSchema,
  SETTINGS_COMMANDS,
  SUBSCRIPTION_COMMANDS,
  UNROLL_COMMANDS,
  type Clock,
  type CommandDefinition,
  type PostInput,
  type SettingsRouterServices,
  type SubscriptionRouterServices,
  type ThreadFetcher,
  type UnrollServices,
} from '../../src/core/index.ts';
import { createTelegramBot, type TelegramBot } from '../../src/platforms/telegram/index.ts';
import { SAMPLE_FILE } from '../../src/app/sample/index.ts';
import { createSqliteStores, openDatabase } from '../../src/store/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.ts';
import { createRecordingLog } from './telegram.ts';

export const NOW = new Date('2026-11-23T12:00:00Z');
const clock: Clock = { now: () => NOW };

/** Behaves like the scheduler's /subscribe will: only administrators may, and it names the chat it changed. */
const testSubscribe = defineCommand<SubscriptionRouterServices, string>({
  name: 'subscribe',
  description: 'Test-only stand-in for the scheduler’s /subscribe',
  options: [HASHTAG_OPTION],
  preconditions: ['chat-admin'],
  parse: (args) => ok(args[0] ?? '?'),
  async run(tag, ctx) {
    return { kind: 'notice', message: message('subscriptions.line', { subject: `#${tag}`, cadence: `chat ${ctx.chatId}` }) };
  },
});

/** A command whose handler fails, to exercise the error boundary. */
const testBoom = defineCommand<SubscriptionRouterServices, undefined>({
  name: 'boom',
  description: 'Test-only: always throws',
  options: [],
  parse: () => ok(undefined),
  run() {
    throw new Error('kaboom');
  },
});

export interface BotHarness {
  readonly fake: FakeTelegram;
  readonly stores: ReturnType<typeof createSqliteStores>;
  readonly bot: TelegramBot;
  readonly log: ReturnType<typeof createRecordingLog>;
  close(): Promise<void>;
}

/**
 * Real SQLite with the sample threads (plus `extraPosts`), the real router, real grammY against the fake.
 * `realSubscriptions` swaps the test-only /subscribe for the scheduler's real subscription commands.
 */
export async function startBotHarness(
  extraPosts: readonly PostInput[] = [],
  options: { realSubscriptions?: boolean; fetcher?: ThreadFetcher; publicUrl?: string; settings?: boolean; pageSize?: number } = {},
): Promise<BotHarness> {
  const db = openDatabase(':memory:');
  const stores = createSqliteStores(db, clock);
  const sample = readFileSync(SAMPLE_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  await stores.posts.ingest([...sample.map((line) => postSchema.parse(JSON.parse(line))), ...extraPosts.map((p) => postSchema.parse(p))]);
  const services: SubscriptionRouterServices & SettingsRouterServices & Partial<UnrollServices> = {
    threads: stores.threads,
    tags: stores.tags,
    authors: stores.authors,
    keys: stores.keys,
    clock,
    pageSize: options.pageSize ?? 5,
    subscriptions: stores.subscriptions,
    maxSubscriptionsPerChat: 25,
    links: { publicUrl: options.publicUrl },
    posts: stores.posts,
    fetcher: options.fetcher,
    chatSettings: stores.chatSettings,
  };
  const extra: CommandDefinition<SubscriptionRouterServices & SettingsRouterServices>[] = options.settings
    ? [...SUBSCRIPTION_COMMANDS, ...SETTINGS_COMMANDS]
    : options.realSubscriptions
      ? [...SUBSCRIPTION_COMMANDS]
      : [testSubscribe];
  // /unroll only when the test gives a fetcher (a real one, against fake networks).
  const unroll = options.fetcher ? (UNROLL_COMMANDS as unknown as CommandDefinition<SubscriptionRouterServices & SettingsRouterServices>[]) : [];
  const router = createCommandRouter(services, [...CORE_COMMANDS, ...unroll, ...extra, testBoom]);
  const fake = await startFakeTelegram();
  const log = createRecordingLog();
  const bot = createTelegramBot({ token: fake.token, apiRoot: fake.apiRoot, router, tags: stores.tags, log, clock, limits: false, pollingTimeoutS: 5 });
  await bot.start();
  return {
    fake,
    stores,
    bot,
    log,
    async close() {
      await bot.stop();
      await fake.close();
      db.close();
    },
  };
}

/** Two posts of one author replying to each other: the smallest thread. */
export function threadPosts(id: string, input: { text: string; tag: string; name?: string; url?: string; createdAt?: string }): PostInput[] {
  const author = { id: `u-${id}`, handle: `user_${id}`, name: input.name ?? `User ${id}` };
  const createdAt = input.createdAt ?? '2026-11-23T09:00:00Z';
  return [
    { id: `x:${id}-1`, source: 'x', author, text: `${input.text} #${input.tag}`, createdAt, url: input.url ?? `https://example.com/${id}`, lang: 'en' },
    {
      id: `x:${id}-2`,
      source: 'x',
      author,
      text: 'and more',
      createdAt,
      url: `https://example.com/${id}/2`,
      lang: 'en',
      replyToId: `x:${id}-1`,
      replyToAuthorId: `u-${id}`,
    },
  ];
}
