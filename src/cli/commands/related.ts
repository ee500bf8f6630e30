import type { Command } from 'commander';
import { note, positiveInt, print, withServices } from '../context.ts';

/** `spool related <hashtag>`: hashtags that co-occur with it, most frequent first. */
export function registerRelatedCommand(program: Command): void {
  program
    .command('related')
    .description('hashtags that co-occur with one, most frequent first')
    .argument('<hashtag>')
    .option('--limit <n>', 'how many', positiveInt('--limit'), 10)
    .option('--json', 'print [{"tag","threads"}]')
    .action((input: string, opts: { limit: number; json?: boolean }) =>
      withServices(program, async (services) => {
        const { hashtagOrFail, unknownTagNote } = await import('../arguments.ts');
        const { renderReply } = await import('../../platforms/console/render.ts');
        const tag = hashtagOrFail(input);
        const related = services.stores.tags.relatedTags(tag, opts.limit);
        if (related.length === 0) note(unknownTagNote(tag, services.stores.tags) ?? `No hashtags appear together with #${tag} yet.`);
        if (opts.json) return print(JSON.stringify(related));
        if (related.length > 0) print(renderReply({ kind: 'related', tag, related }, services.clock.now()));
      }),
    );
}
