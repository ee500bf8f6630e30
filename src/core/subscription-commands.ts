import { resolveAuthor } from './author-commands.ts';
import { authorRefOf, isAuthorWord } from './authors.ts';
import { hashtagArgument, HASHTAG_OPTION } from './chat-commands.ts';
import { defineCommand, type ChatContext, type CommandDefinition, type CommandOption } from './command.ts';
import type { DeliveryTarget } from './delivery.ts';
import type { Subscription, SubscriptionStore } from './subscriptions.ts';
import { supportedLocale } from './settings-commands.ts';
import { message, type Message } from './i18n.ts';
import type { Failure } from './failures.ts';
import type { Reply, SubscriptionView } from './replies.ts';
import { ok, type Result } from './result.ts';
import { failureReply, type RouterServices } from './router.ts';
import { cadenceOf, describeSchedule } from './schedule.ts';
import { applySettingsChange, parseSettingsChange, type SettingsChange } from './subscription-options.ts';
import { authorSubscriptionTag, type FollowedAuthor, type SubscriptionSettings } from './subscriptions.ts';
import { cadenceMessage, filterMessages, onlyMessages, promiseMessage } from './wording.ts';

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

/** `#xinjiang`, or `@x.com/alice` for an author subscription. */
export function subscriptionSubject(subscription: Pick<Subscription, 'tag' | 'author'>): string {
  return subscription.author ? `@${subscription.author.ref}` : `#${subscription.tag}`;
}

/** The row a chat's list shows. */
export function subscriptionView(subscription: Subscription): SubscriptionView {
  return {
    id: subscription.id,
    tag: subscription.tag,
    subject: subscriptionSubject(subscription),
    schedule: describeSchedule(subscription.schedule),
    cadence: cadenceOf(subscription.schedule),
    langs: subscription.langs ?? (subscription.lang ? [subscription.lang] : []),
    minPosts: subscription.minPosts,
    require: subscription.require ?? [],
    exclude: subscription.exclude ?? [],
    muted: subscription.muted ?? [],
    paused: subscription.pausedAt !== undefined,
    pausedReason: subscription.pausedReason,
  };
}

/**
 * Digests have no reader to ask for a language: a chat with no `/language` of its own keeps the
 * language of the admin who subscribed it (as their platform reports it).
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
const SUBJECT_OPTION: CommandOption = {
  ...HASHTAG_OPTION,
  label: 'hashtag|@handle',
  description: 'A hashtag (any script), or an author: @handle, @user@instance, @x.com/user',
};

type Subject = { readonly tag: string } | { readonly author: string };

function subjectArgument(input: string | undefined): Result<Subject, Failure> {
  if (input !== undefined && isAuthorWord(input)) return ok({ author: input });
  const tag = hashtagArgument(input);
  return tag.ok ? ok({ tag: tag.value }) : tag;
}

/** The stored `tag` of a subject, and the author it follows: an author must be known to the store. */
async function resolveSubject(subject: Subject, services: RouterServices): Promise<Result<{ tag: string; author?: FollowedAuthor }, Failure>> {
  if ('tag' in subject) return ok({ tag: subject.tag });
  const author = await resolveAuthor(subject.author, services.authors);
  if (!author.ok) return author;
  const followed: FollowedAuthor = { key: author.value.key, ref: authorRefOf(author.value), name: author.value.name };
  return ok({ tag: authorSubscriptionTag(followed.key), author: followed });
}

function describe(settings: SubscriptionSettings) {
  const view = subscriptionView({ ...settings, id: 0, tag: '', target: { platform: '', chatId: '' }, createdAt: new Date(0) });
  // A live subscription's notice says its minimum already ("as soon as it has 3 posts").
  const filters = filterMessages(settings.schedule.kind === 'live' ? { ...view, minPosts: undefined } : view);
  return { cadence: view.cadence, filters, minPosts: settings.minPosts };
}

/** "Subscribed to #xinjiang: a digest every day at 09:00 UTC with … Only threads in English." */
function subscribedNotice(p: ReturnType<typeof describe> & { subject: string; renewed: boolean; fresh: boolean }): Reply {
  const main: Message =
    p.fresh && p.subject.startsWith('#')
      ? message(p.renewed ? 'subscribed.renewedFresh' : 'subscribed.newFresh', { subject: p.subject, cadence: cadenceMessage(p.cadence) })
      : message(p.renewed ? 'subscribed.renewed' : 'subscribed.new', { subject: p.subject, promise: promiseMessage(p) });
  return { kind: 'notice', message: main, more: onlyMessages(p.filters) };
}

/**
 * `/subscribe <hashtag|@handle> [options]`: a digest of a hashtag's (or an author's) new and grown
 * threads in this chat. Options (subscription-options.ts) set the cadence — `HH:MM [zone]` (daily,
 * the default at 09:00 UTC), `daily`, `weekly mon 09:00`, `hourly`, `live[:N]` — and the filters —
 * `lang:en,fr`, `min:3`, `+word`, `-word`, `mute:@handle`. Subscribing again to the same subject
 * changes its options instead of adding a second subscription (and resumes a paused one). A hashtag
 * with no threads yet is accepted (the pollers start following it); an author must have one stored.
 */
export const subscribeCommand = defineCommand<SubscriptionRouterServices, { subject: Subject; change: SettingsChange }>({
  name: 'subscribe',
  description: 'A digest of a hashtag or an @author in this chat, with options (admins)',
  options: [
    SUBJECT_OPTION,
    TARGET_OPTION,
    { name: 'time', kind: 'time', label: 'HH:MM', description: 'Time of day, HH:MM on a 24-hour clock (e.g. 09:00)', maxLength: 5 },
    { name: 'timezone', kind: 'timezone', label: 'zone', description: 'IANA time zone, e.g. Europe/Oslo (default UTC)', maxLength: 64 },
    {
      name: 'options',
      kind: 'text',
      label: 'options',
      description: 'e.g. 07:30 Europe/Oslo, weekly mon 09:00, hourly, live, lang:en,fr min:3 +cotton -football',
      rest: true,
      maxLength: 300,
    },
  ],
  preconditions: [...MANAGE, 'bot-can-post-in-target'],
  parse(args) {
    const subject = subjectArgument(args[0]);
    if (!subject.ok) return subject;
    const change = parseSettingsChange(args.slice(1));
    return change.ok ? ok({ subject: subject.value, change: change.value }) : change;
  },
  async run({ subject, change }, ctx, services) {
    const resolved = await resolveSubject(subject, services);
    if (!resolved.ok) return failureReply(resolved.failure);
    const { tag, author } = resolved.value;
    const limits = services.followLimits;
    if (!author && limits?.allowedTags && !limits.allowedTags.includes(tag)) return failureReply({ code: 'subscription.not-allowed', tag });
    const target = targetOf(ctx);
    const existing = await services.subscriptions.find(target, tag);
    const settings = applySettingsChange(existing, change);
    const shown = subscriptionSubject({ tag, author });
    if (existing && existing.pausedAt === undefined) {
      await services.subscriptions.update(existing.id, settings);
      const described = describe(settings);
      const only = onlyMessages(described.filters);
      return {
        kind: 'notice',
        message: message('subscription.updated', { subject: shown, promise: promiseMessage(described) }),
        more: only.length > 0 ? only : [message('subscription.everyThread')],
      };
    }
    const added = await services.subscriptions.add(
      { target, tag, author, ...settings, createdBy: ctx.userId === undefined ? undefined : `${ctx.platform}:${ctx.userId}` },
      { maxPerChat: services.maxSubscriptionsPerChat, maxPerUser: limits?.maxPerUser, maxFollowedTags: limits?.maxFollowedTags },
    );
    if (!added.ok) return failureReply(added.failure);
    await rememberLanguage(ctx, services);
    const fresh = !author && (await services.tags.tagCount(tag)) === 0;
    return subscribedNotice({ subject: shown, renewed: added.value.renewed, fresh, ...describe(settings) });
  },
});

export const unsubscribeCommand = defineCommand<SubscriptionRouterServices, Subject>({
  name: 'unsubscribe',
  description: 'Stop a hashtag’s or an author’s digest in this chat (admins)',
  options: [SUBJECT_OPTION, TARGET_OPTION],
  preconditions: MANAGE,
  parse: (args) => subjectArgument(args[0]),
  async run(subject, ctx, services) {
    const resolved = await resolveSubject(subject, services);
    if (!resolved.ok) return failureReply(resolved.failure);
    const existing = await services.subscriptions.find(targetOf(ctx), resolved.value.tag);
    if (!existing) return failureReply({ code: 'subscription.unknown', tag: 'tag' in subject ? subject.tag : subscriptionSubject(resolved.value) });
    await services.subscriptions.remove(existing.id);
    return { kind: 'notice', message: message('unsubscribed', { subject: subscriptionSubject(existing) }) };
  },
});

export const subscriptionsCommand = defineCommand<SubscriptionRouterServices, undefined>({
  name: 'subscriptions',
  description: 'The digests this chat receives, with their options',
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
