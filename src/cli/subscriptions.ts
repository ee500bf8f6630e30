import { Option, type Command } from 'commander';
import {
  describeFailure,
  describeSchedule,
  normalizeLanguage,
  parseSchedule,
  type DeliveryTarget,
  type Subscription,
} from '../core/index.ts';
import { hashtagOrFail, print, UsageError, withServices } from './context.ts';

// `spool subscriptions add|list|remove`: what chats do with /subscribe, for the operator.

const CHAT_ID: Record<'telegram' | 'discord', RegExp> = {
  // A numeric chat id (groups are negative) or a public channel's @username.
  telegram: /^(?:-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/u,
  // A channel snowflake.
  discord: /^\d{1,20}$/u,
};

interface AddOptions {
  platform: 'telegram' | 'discord';
  chat: string;
  topic?: string;
  tag: string;
  at?: string;
  tz?: string;
  cron?: string;
  lang?: string;
  minPosts?: string;
  json?: boolean;
}

/** The JSON of `list --json` and `add --json`: everything an operator's script may need. */
export function subscriptionJson(s: Subscription): Record<string, unknown> {
  return {
    id: s.id,
    platform: s.target.platform,
    chatId: s.target.chatId,
    topicId: s.target.topicId ?? null,
    tag: s.tag,
    schedule: describeSchedule(s.schedule),
    ...(s.schedule.kind === 'daily' ? { at: s.schedule.time } : { cron: s.schedule.expression }),
    tz: s.schedule.zone,
    lang: s.lang ?? null,
    minPosts: s.minPosts ?? null,
    createdAt: s.createdAt.toISOString(),
    paused: s.pausedAt !== undefined,
    pausedAt: s.pausedAt?.toISOString() ?? null,
    pausedReason: s.pausedReason ?? null,
  };
}

function describeLine(s: Subscription): string {
  const where = `${s.target.platform} ${s.target.chatId}${s.target.topicId ? `/${s.target.topicId}` : ''}`;
  const filters = [s.lang ? `lang ${s.lang}` : '', s.minPosts ? `≥${s.minPosts} posts` : ''].filter(Boolean).join(', ');
  const state = s.pausedAt ? `paused since ${s.pausedAt.toISOString()}: ${s.pausedReason ?? 'no reason given'}` : 'active';
  return `${s.id}\t${where}\t#${s.tag}\t${describeSchedule(s.schedule)}${filters ? ` (${filters})` : ''}\t${state}`;
}

function parseAdd(opts: AddOptions) {
  if (!CHAT_ID[opts.platform].test(opts.chat)) {
    throw new UsageError(`--chat "${opts.chat}" is not a ${opts.platform} chat id${opts.platform === 'telegram' ? ' (a number like -1001234567890, or @channel)' : ' (a channel id like 1234567890123456789)'}`);
  }
  if (opts.topic !== undefined && !/^\d{1,20}$/u.test(opts.topic)) throw new UsageError(`--topic "${opts.topic}" is not a topic id`);
  if (opts.at !== undefined && opts.cron !== undefined) throw new UsageError('use --at or --cron, not both');
  const tag = hashtagOrFail(opts.tag);
  const schedule = parseSchedule({ time: opts.at, zone: opts.tz, cron: opts.cron });
  if (!schedule.ok) throw new UsageError(describeFailure(schedule.failure));
  const lang = opts.lang === undefined ? undefined : normalizeLanguage(opts.lang);
  if (lang === 'und') throw new UsageError(`--lang "${opts.lang}" is not a language code like en, fr or zh`);
  const minPosts = opts.minPosts === undefined ? undefined : Number(opts.minPosts);
  if (minPosts !== undefined && (!Number.isInteger(minPosts) || minPosts < 1 || minPosts > 1000)) {
    throw new UsageError(`--min-posts must be a whole number from 1 to 1000, not "${opts.minPosts}"`);
  }
  const target: DeliveryTarget = { platform: opts.platform, chatId: opts.chat, topicId: opts.topic };
  return { target, tag, schedule: schedule.value, lang, minPosts };
}

/** Registers `spool subscriptions add|list|remove` on the program (global --db/--config apply). */
export function registerSubscriptionCommands(program: Command): void {
  const subscriptions = program.command('subscriptions').description('manage digest subscriptions as an operator');

  subscriptions
    .command('add')
    .description('subscribe a chat to a hashtag’s digest (daily at --at in --tz, or on a --cron schedule)')
    .addOption(new Option('--platform <platform>', 'where the chat is').choices(['telegram', 'discord']).makeOptionMandatory())
    .requiredOption('--chat <id>', 'Telegram chat id or @channel; Discord channel id')
    .requiredOption('--tag <tag>', 'the hashtag, with or without #')
    .option('--topic <id>', 'Telegram forum topic (message_thread_id)')
    .option('--at <HH:MM>', 'local time of day (default 09:00)')
    .option('--tz <zone>', 'IANA time zone, like Europe/Oslo (default UTC)')
    .option('--cron <expr>', 'five-field cron expression in --tz, instead of --at')
    .option('--lang <code>', 'only threads in this language (ISO 639-1)')
    .option('--min-posts <n>', 'only threads at least this long')
    .option('--json', 'print the subscription as JSON')
    .action((opts: AddOptions) =>
      withServices(program, (services) => {
        const input = parseAdd(opts);
        const added = services.stores.subscriptions.add(input, { maxPerChat: services.config.file.subscriptions.maxPerChat });
        if (!added.ok) {
          const existing = added.failure.code === 'subscription.exists' ? services.stores.subscriptions.find(input.target, input.tag) : undefined;
          if (existing) throw new UsageError(`${opts.platform} chat ${opts.chat} already follows #${input.tag} (subscription ${existing.id}): remove it first to change it`);
          throw new UsageError(describeFailure(added.failure));
        }
        const { subscription, renewed } = added.value;
        if (opts.json) return print(JSON.stringify(subscriptionJson(subscription)));
        const fresh = services.stores.tags.tagCount(subscription.tag) === 0 ? ' No threads yet: the sources now follow it.' : '';
        const where = `${subscription.target.platform} chat ${subscription.target.chatId}`;
        print(`${renewed ? 'Resumed' : 'Added'} subscription ${subscription.id}: #${subscription.tag} for ${where}, ${describeSchedule(subscription.schedule)}.${fresh}`);
      }),
    );

  subscriptions
    .command('list')
    .description('every subscription, with paused ones and why')
    .option('--json', 'print a JSON array')
    .action((opts: { json?: boolean }) =>
      withServices(program, (services) => {
        const all = services.stores.subscriptions.list();
        if (opts.json) return print(JSON.stringify(all.map(subscriptionJson), null, 2));
        if (all.length === 0) return print('No subscriptions yet: add one with `spool subscriptions add` or /subscribe in a chat.');
        print(['ID\tCHAT\tTAG\tSCHEDULE\tSTATE', ...all.map(describeLine)].join('\n'));
      }),
    );

  subscriptions
    .command('remove')
    .description('remove a subscription by its id (see list)')
    .argument('<id>', 'subscription id')
    .action((idText: string) =>
      withServices(program, (services) => {
        const id = Number(idText);
        if (!/^\d{1,15}$/u.test(idText) || id < 1) throw new UsageError(`"${idText}" is not a subscription id: use the number from spool subscriptions list`);
        const removed = services.stores.subscriptions.remove(id);
        if (!removed) throw new UsageError(`no subscription ${id}: spool subscriptions list shows them`);
        print(`Removed subscription ${id} (#${removed.tag} for ${removed.target.platform} ${removed.target.chatId}).`);
      }),
    );
}
