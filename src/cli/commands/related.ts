import type { Command } from 'commander';
import { note, positiveInt, print, withServices } from '../context.ts';

/** `spool related <hashtag>`: hashtags that co-occur with it, most frequent first (what /related answers). */
export function registerRelatedCommand(program: Command): void {
  program
    .command('related')
    .description('hashtags that co-occur with one, most frequent first')
    .argument('<hashtag>')
    .option('--limit <n>', 'how many', positiveInt('--limit'), 10)
    .option('--json', 'print [{"tag","threads"}]')
    .action((input: string, opts: { limit: number; json?: boolean }) =>
      withServices(program, async (services) => {
        const { wording } = await import('../core.ts');
        const { printReply, runQuery } = await import('../query.ts');
        const reply = await runQuery(services, 'related', [input], { limit: opts.limit });
        const related = reply?.kind === 'related' ? reply.related : [];
        if (reply?.kind === 'related' && related.length === 0) note(wording.relatedNone(reply));
        if (opts.json) return print(JSON.stringify(related));
        if (reply && related.length > 0) await printReply(services, reply);
      }),
    );
}
