import { Option, type Command } from 'commander';
import { note, print, UsageError, withServices } from '../context.ts';
import type { AddOptions } from './subscription-actions.ts';

// `spool subscriptions add|list|remove`: what chats do with /subscribe, for the operator.

/** Registers `spool subscriptions add|list|remove` on the program (global --db/--config apply). */
export function registerSubscriptionCommands(program: Command): void {
  const subscriptions = program.command('subscriptions').description('manage digest subscriptions as an operator');

  subscriptions
    .command('add')
    .description('subscribe a chat to a hashtag’s or an author’s digest; again for the same one changes its options')
    .addOption(new Option('--platform <platform>', 'where the chat is: a platform id (see README, "Subscriptions")').makeOptionMandatory())
    .requiredOption('--chat <id>', 'the chat in that platform’s syntax: a chat id or @channel, a channel id, a webhook URL')
    .option('--tag <tag>', 'the hashtag, with or without #')
    .option('--author <handle>', 'an author instead of a hashtag: @handle, @user@instance, @x.com/user (one with stored threads)')
    .option('--topic <id>', 'a forum topic in the chat (message_thread_id)')
    .option('--at <HH:MM>', 'local time of day (default 09:00): daily, or the day of --weekly')
    .option('--tz <zone>', 'IANA time zone, like Europe/Oslo (default UTC)')
    .option('--weekly <day>', 'once a week on this day (mon … sun), at --at')
    .option('--hourly', 'every hour')
    .option('--live [n]', 'each thread as soon as it qualifies, at most n an hour to the chat (default 6)')
    .option('--cron <expr>', 'five-field cron expression in --tz, instead of the above')
    .option('--lang <codes>', 'only threads in these languages (ISO 639-1, comma-separated: en,fr; any for all)')
    .option('--min-posts <n>', 'only threads at least this long')
    .option('--require <words...>', 'only threads mentioning every one of these plain words')
    .option('--exclude <words...>', 'no thread mentioning any of these plain words')
    .option('--mute <handles...>', 'no thread by these authors (@handle)')
    .option('--json', 'print the subscription as JSON')
    .action((opts: AddOptions) =>
      withServices(program, async (services) => {
        const { cadenceOf, describeFailure, subscriptionSubject, wording } = await import('../core.ts');
        const { filterWords, parseAdd, resolveSubject, settingsAfter, shownChat, subscriptionJson } = await import('./subscription-actions.ts');
        const { unknownTagNote } = await import('../arguments.ts');
        const request = parseAdd(opts);
        const { tag, author } = await resolveSubject(request.subject, services.stores.authors);
        const existing = await services.stores.subscriptions.find(request.target, tag);
        const settings = settingsAfter(existing, request);
        let subscription;
        let verb: string;
        if (existing && existing.pausedAt === undefined) {
          subscription = await services.stores.subscriptions.update(existing.id, settings);
          verb = 'Updated';
        } else {
          const added = await services.stores.subscriptions.add(
            { target: request.target, tag, author, ...settings },
            { maxPerChat: services.config.file.subscriptions.maxPerChat },
          );
          if (!added.ok) throw new UsageError(describeFailure(added.failure));
          subscription = added.value.subscription;
          verb = added.value.renewed ? 'Resumed' : 'Added';
        }
        if (!subscription) throw new Error(`subscription ${existing?.id ?? '?'} vanished while it was being changed`);
        // A tag with no threads yet is accepted (the sources start following it); say what is known instead.
        const unknown = author ? undefined : await unknownTagNote(subscription.tag, services.stores.tags);
        if (unknown) note(unknown);
        if (opts.json) return print(JSON.stringify(subscriptionJson(subscription)));
        const fresh = unknown ? ' No threads yet: the sources now follow it.' : '';
        const where = `${subscription.target.platform} chat ${shownChat(subscription.target.platform, subscription.target.chatId)}`;
        const filters = filterWords(subscription);
        print(
          `${verb} subscription ${subscription.id}: ${subscriptionSubject(subscription)} for ${where}, ${wording.cadence(cadenceOf(subscription.schedule))}${filters ? `, threads ${filters}` : ''}.${fresh}`,
        );
      }),
    );

  subscriptions
    .command('list')
    .description('every subscription, with paused ones and why')
    .option('--json', 'print a JSON array')
    .action((opts: { json?: boolean }) =>
      withServices(program, async (services) => {
        const { describeLine, subscriptionJson } = await import('./subscription-actions.ts');
        const all = await services.stores.subscriptions.list();
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
      withServices(program, async (services) => {
        const { shownChat } = await import('./subscription-actions.ts');
        const id = Number(idText);
        if (!/^\d{1,15}$/u.test(idText) || id < 1) throw new UsageError(`"${idText}" is not a subscription id: use the number from spool subscriptions list`);
        const removed = await services.stores.subscriptions.remove(id);
        if (!removed) throw new UsageError(`no subscription ${id}: spool subscriptions list shows them`);
        print(`Removed subscription ${id} (#${removed.tag} for ${removed.target.platform} ${shownChat(removed.target.platform, removed.target.chatId)}).`);
      }),
    );
}
