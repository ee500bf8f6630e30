import type { Failure } from './failures.ts';
import { parseHashtagArgument } from './hashtags.ts';
import type { SubscriptionView } from './replies.ts';
import { failureReply, type ChatContext, type CommandDefinition, type RouterServices } from './router.ts';
import { describeSchedule, parseSchedule } from './schedule.ts';
import type { Subscription, SubscriptionStore } from './subscriptions.ts';

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

/** Only chats that can receive digests subscribe: the console chat has no one to deliver to. */
function deliverable(ctx: ChatContext): ctx is ChatContext & { platform: 'telegram' | 'discord' } {
  return ctx.platform === 'telegram' || ctx.platform === 'discord';
}

const target = (ctx: ChatContext & { platform: 'telegram' | 'discord' }) => ({
  platform: ctx.platform,
  chatId: ctx.chatId,
  topicId: ctx.topicId,
});

/** Checks that need no permission come first, so a typo is answered without an admin lookup. */
async function guard(name: string, ctx: ChatContext): Promise<Failure | undefined> {
  if (!deliverable(ctx)) return { code: 'command.unsupported', command: name };
  if (!(await ctx.isAdmin())) return { code: 'subscription.not-admin' };
  return undefined;
}

/**
 * `/subscribe <hashtag> [HH:MM] [zone]`: a daily digest at that local time (09:00 UTC by default).
 * The zone may come alone (`/subscribe xinjiang Europe/Oslo`). A hashtag with no threads yet is
 * accepted: the pollers start following it, and the notice says so.
 */
export const subscribeCommand: CommandDefinition<SubscriptionRouterServices> = {
  name: 'subscribe',
  usage: '/subscribe <hashtag> [HH:MM] [zone]',
  description: 'A daily digest of a hashtag in this chat (admins)',
  async run(args, ctx, services) {
    if (args[0] === undefined) return failureReply({ code: 'hashtag.missing' });
    const tag = parseHashtagArgument(args[0]);
    if (!tag.ok) return failureReply(tag.failure);
    const rest = args.slice(1);
    const time = rest[0] !== undefined && /^\d/u.test(rest[0]) ? rest.shift() : undefined;
    const zone = rest.shift();
    if (rest.length > 0) return failureReply({ code: 'timezone.invalid', input: rest.join(' ') });
    const schedule = parseSchedule({ time, zone });
    if (!schedule.ok) return failureReply(schedule.failure);
    const refused = await guard('subscribe', ctx);
    if (refused) return failureReply(refused);
    if (!deliverable(ctx)) return failureReply({ code: 'command.unsupported', command: 'subscribe' });
    if (ctx.botCanPost && !(await ctx.botCanPost())) return failureReply({ code: 'subscription.bot-cannot-post' });
    const limits = services.followLimits;
    if (limits?.allowedTags && !limits.allowedTags.includes(tag.value)) return failureReply({ code: 'subscription.not-allowed', tag: tag.value });
    const added = services.subscriptions.add(
      { target: target(ctx), tag: tag.value, schedule: schedule.value, createdBy: ctx.userId === undefined ? undefined : `${ctx.platform}:${ctx.userId}` },
      { maxPerChat: services.maxSubscriptionsPerChat, maxPerUser: limits?.maxPerUser, maxFollowedTags: limits?.maxFollowedTags },
    );
    if (!added.ok) return failureReply(added.failure);
    const when = describeSchedule(schedule.value);
    const verb = added.value.renewed ? 'Resumed' : 'Subscribed to';
    const fresh = services.tags.tagCount(tag.value) === 0;
    const text = fresh
      ? `${verb} #${tag.value}: a digest every day at ${when}. No threads about #${tag.value} yet; Spool now follows it on every source.`
      : `${verb} #${tag.value}: a digest every day at ${when} with the threads that are new or have grown.`;
    return { kind: 'notice', text };
  },
};

export const unsubscribeCommand: CommandDefinition<SubscriptionRouterServices> = {
  name: 'unsubscribe',
  usage: '/unsubscribe <hashtag>',
  description: 'Stop a hashtag’s digest in this chat (admins)',
  async run(args, ctx, services) {
    if (args[0] === undefined) return failureReply({ code: 'hashtag.missing' });
    const tag = parseHashtagArgument(args[0]);
    if (!tag.ok) return failureReply(tag.failure);
    const refused = await guard('unsubscribe', ctx);
    if (refused) return failureReply(refused);
    if (!deliverable(ctx)) return failureReply({ code: 'command.unsupported', command: 'unsubscribe' });
    const existing = services.subscriptions.find(target(ctx), tag.value);
    if (!existing) return failureReply({ code: 'subscription.unknown', tag: tag.value });
    services.subscriptions.remove(existing.id);
    return { kind: 'notice', text: `Unsubscribed from #${tag.value}: no more digests of it here.` };
  },
};

export const subscriptionsCommand: CommandDefinition<SubscriptionRouterServices> = {
  name: 'subscriptions',
  usage: '/subscriptions',
  description: 'The digests this chat receives',
  run(_args, ctx, services) {
    if (!deliverable(ctx)) return failureReply({ code: 'command.unsupported', command: 'subscriptions' });
    const here = services.subscriptions
      .list({ platform: ctx.platform, chatId: ctx.chatId })
      .filter((s) => (s.target.topicId ?? '') === (ctx.topicId ?? ''));
    return { kind: 'subscriptions', subscriptions: here.map(subscriptionView) };
  },
};

/** The subscription commands, beside CORE_COMMANDS in the shared router. */
export const SUBSCRIPTION_COMMANDS: readonly CommandDefinition<SubscriptionRouterServices>[] = [
  subscribeCommand,
  unsubscribeCommand,
  subscriptionsCommand,
];
