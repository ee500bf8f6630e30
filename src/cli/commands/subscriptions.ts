import { Option, type Command } from 'commander';
import { note, print, UsageError, withServices } from '../context.ts';
import type { AddOptions } from './subscription-actions.ts';

// `spool subscriptions add|list|remove`: what chats do with /subscribe, for the operator.

/** Registers `spool subscriptions add|list|remove` on the program (global --db/--config apply). */
export function registerSubscriptionCommands(program: Command): void {
  const subscriptions = program.command('subscriptions').description('manage digest subscriptions as an operator');

  subscriptions
    .command('add')
    .description('subscribe a chat to a hashtag’s digest (daily at --at in --tz, or on a --cron schedule)')
    .addOption(new Option('--platform <platform>', 'where the chat is: a platform id (see README, "Subscriptions")').makeOptionMandatory())
    .requiredOption('--chat <id>', 'the chat in that platform’s syntax: a chat id or @channel, a channel id, a webhook URL')
    .requiredOption('--tag <tag>', 'the hashtag, with or without #')
    .option('--topic <id>', 'a forum topic in the chat (message_thread_id)')
    .option('--at <HH:MM>', 'local time of day (default 09:00)')
    .option('--tz <zone>', 'IANA time zone, like Europe/Oslo (default UTC)')
    .option('--cron <expr>', 'five-field cron expression in --tz, instead of --at')
    .option('--lang <code>', 'only threads in this language (ISO 639-1)')
    .option('--min-posts <n>', 'only threads at least this long')
    .option('--json', 'print the subscription as JSON')
    .action((opts: AddOptions) =>
      withServices(program, async (services) => {
        const { describeFailure, describeSchedule } = await import('../core.ts');
        const { parseAdd, shownChat, subscriptionJson } = await import('./subscription-actions.ts');
        const { unknownTagNote } = await import('../arguments.ts');
        const input = parseAdd(opts);
        const added = await services.stores.subscriptions.add(input, { maxPerChat: services.config.file.subscriptions.maxPerChat });
        if (!added.ok) {
          const existing = added.failure.code === 'subscription.exists' ? await services.stores.subscriptions.find(input.target, input.tag) : undefined;
          if (existing) throw new UsageError(`${opts.platform} chat ${shownChat(opts.platform, opts.chat)} already follows #${input.tag} (subscription ${existing.id}): remove it first to change it`);
          throw new UsageError(describeFailure(added.failure));
        }
        const { subscription, renewed } = added.value;
        // A tag with no threads yet is accepted (the sources start following it); say what is known instead.
        const unknown = await unknownTagNote(subscription.tag, services.stores.tags);
        if (unknown) note(unknown);
        if (opts.json) return print(JSON.stringify(subscriptionJson(subscription)));
        const fresh = unknown ? ' No threads yet: the sources now follow it.' : '';
        const where = `${subscription.target.platform} chat ${shownChat(subscription.target.platform, subscription.target.chatId)}`;
        print(`${renewed ? 'Resumed' : 'Added'} subscription ${subscription.id}: #${subscription.tag} for ${where}, ${describeSchedule(subscription.schedule)}.${fresh}`);
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
