import { hashtagArgument, HASHTAG_OPTION } from './chat-commands.ts';
import { defineCommand, type ChatContext, type CommandDefinition, type CommandOption } from './command.ts';
import type { SubscriptionView } from './replies.ts';
import { fail, ok } from './result.ts';
import { failureReply, type RouterServices } from './router.ts';
import { describeSchedule, parseSchedule, type Schedule } from './schedule.ts';
import type { DeliveryTarget } from './delivery.ts';
import type { Subscription, SubscriptionStore } from './subscriptions.ts';
import { supportedLocale } from './settings-commands.ts';
import { message } from './i18n.ts';

/** What the subscription commands need besides the router's own services. */
export interface SubscriptionRouterServices extends RouterServices {
  readonly subscriptions: SubscriptionStore;
  /** config.file.subscriptions.maxPerChat */
  readonly maxSubscriptionsPerChat: number;
  /** config.file.subscriptions: maxPerUser, maxFollowedTags, allowedTags (none set: no such limit). */
  readonly followLimits?: FollowLimits | undefined;
}

/** The operator's limits on what chats may follow (config/spool.json "subscriptions"). */
export interface FollowLimits {
  readonly maxPerUser?: number | undefined;
  readonly maxFollowedTags?: number | undefined;
  /** When set, the only hashtags chats may subscribe to. */
  readonly allowedTags?: readonly string[] | undefined;
}

/** The row a chat's list shows. */
export function subscriptionView(subscription: Subscription): SubscriptionView {
  return {
    id: subscription.id,
    tag: subscription.tag,
    schedule: describeSchedule(subscription.schedule),
    paused: subscription.pausedAt !== undefined,
    pausedReason: subscription.pausedReason,
  };
}

/**
 * Digests have no reader to ask for a language: a chat with no `/language` of its own keeps the
 * language of the admin who subscribed it (Telegram's language_code, Discord's locale).
 */
async function rememberLanguage(ctx: ChatContext, services: SubscriptionRouterServices): Promise<void> {
  const locale = supportedLocale(ctx.locale);
  if (!services.chatSettings || !locale) return;
  const chat = { platform: ctx.platform, chatId: ctx.chatId };
  if ((await services.chatSettings.get(chat)).language === undefined) await services.chatSettings.update(chat, { language: locale });
}

const targetOf = (ctx: ChatContext): DeliveryTarget => ({ platform: ctx.platform, chatId: ctx.chatId, topicId: ctx.topicId });

/** The chat the command acts on: this one, or another channel named by the option; the bot must be able to post there. */
const TARGET_OPTION: CommandOption = { name: 'channel', kind: 'chat', description: 'Text, announcement or forum channel (default: this one)' };
const MANAGE = ['deliverable-chat', 'chat-admin'] as const;

/**
 * `/subscribe <hashtag> [HH:MM] [zone]`: a daily digest at that local time (09:00 UTC by default).
 * The zone may come alone (`/subscribe xinjiang Europe/Oslo`). A hashtag with no threads yet is
 * accepted: the pollers start following it, and the notice says so.
 */
export const subscribeCommand = defineCommand<SubscriptionRouterServices, { tag: string; schedule: Schedule }>({
  name: 'subscribe',
  description: 'A daily digest of a hashtag in this chat (admins)',
  options: [
    HASHTAG_OPTION,
    TARGET_OPTION,
    { name: 'time', kind: 'time', label: 'HH:MM', description: 'Time of day, HH:MM on a 24-hour clock (e.g. 09:00)', maxLength: 5 },
    { name: 'timezone', kind: 'timezone', label: 'zone', description: 'IANA time zone, e.g. Europe/Oslo (default UTC)', maxLength: 64 },
  ],
  preconditions: [...MANAGE, 'bot-can-post-in-target'],
  parse(args) {
    const tag = hashtagArgument(args[0]);
    if (!tag.ok) return tag;
    const rest = args.slice(1);
    const time = rest[0] !== undefined && /^\d/u.test(rest[0]) ? rest.shift() : undefined;
    const zone = rest.shift();
    if (rest.length > 0) return fail({ code: 'timezone.invalid', input: rest.join(' ') });
    const schedule = parseSchedule({ time, zone });
    return schedule.ok ? ok({ tag: tag.value, schedule: schedule.value }) : schedule;
  },
  async run({ tag, schedule }, ctx, services) {
    const limits = services.followLimits;
    if (limits?.allowedTags && !limits.allowedTags.includes(tag)) return failureReply({ code: 'subscription.not-allowed', tag });
    const added = await services.subscriptions.add(
      { target: targetOf(ctx), tag, schedule, createdBy: ctx.userId === undefined ? undefined : `${ctx.platform}:${ctx.userId}` },
      { maxPerChat: services.maxSubscriptionsPerChat, maxPerUser: limits?.maxPerUser, maxFollowedTags: limits?.maxFollowedTags },
    );
    if (!added.ok) return failureReply(added.failure);
    await rememberLanguage(ctx, services);
    const fresh = (await services.tags.tagCount(tag)) === 0;
    const when = describeSchedule(schedule);
    const key = added.value.renewed ? (fresh ? 'subscribed.renewedFresh' : 'subscribed.renewed') : fresh ? 'subscribed.newFresh' : 'subscribed.new';
    return { kind: 'notice', message: message(key, { tag, when }) };
  },
});

export const unsubscribeCommand = defineCommand<SubscriptionRouterServices, string>({
  name: 'unsubscribe',
  description: 'Stop a hashtag’s digest in this chat (admins)',
  options: [HASHTAG_OPTION, TARGET_OPTION],
  preconditions: MANAGE,
  parse: (args) => hashtagArgument(args[0]),
  async run(tag, ctx, services) {
    const existing = await services.subscriptions.find(targetOf(ctx), tag);
    if (!existing) return failureReply({ code: 'subscription.unknown', tag });
    await services.subscriptions.remove(existing.id);
    return { kind: 'notice', message: message('unsubscribed', { tag }) };
  },
});

export const subscriptionsCommand = defineCommand<SubscriptionRouterServices, undefined>({
  name: 'subscriptions',
  description: 'The digests this chat receives',
  options: [TARGET_OPTION],
  preconditions: ['deliverable-chat'],
  parse: () => ok(undefined),
  async run(_input, ctx, services) {
    const here = (await services.subscriptions.list({ platform: ctx.platform, chatId: ctx.chatId })).filter(
      (s) => (s.target.topicId ?? '') === (ctx.topicId ?? ''),
    );
    return { kind: 'subscriptions', subscriptions: here.map(subscriptionView) };
  },
});

/** The subscription commands, beside CORE_COMMANDS in the shared router. */
export const SUBSCRIPTION_COMMANDS: readonly CommandDefinition<SubscriptionRouterServices>[] = [subscribeCommand, unsubscribeCommand, subscriptionsCommand];
