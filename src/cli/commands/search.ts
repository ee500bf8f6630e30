import type { Command } from 'commander';
import { note, positiveInt, print, UsageError, withServices } from '../context.ts';

/** `spool search <words…>`: every word must match, accents ignored; nothing found → exit 0 and a line on stderr. */
export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('full-text search over stored threads')
    .argument('<words...>')
    .option('--tag <tag>', 'only threads with this hashtag')
    .option('--limit <n>', 'how many', positiveInt('--limit'), 10)
    .option('--json', 'print threads as JSON')
    .action((wordList: string[], opts: { tag?: string; limit: number; json?: boolean }) =>
      withServices(program, async (services) => {
        const { describeFailure, searchTerms, summarizeThread, threadToJson } = await import('../../core/index.ts');
        const { hashtagOrFail, unknownTagNote } = await import('../arguments.ts');
        const { renderReply } = await import('../../platforms/console/render.ts');
        const words = wordList.join(' ');
        if (searchTerms(words).length === 0) throw new UsageError(describeFailure({ code: 'search.invalid', input: words }));
        const tag = opts.tag === undefined ? undefined : hashtagOrFail(opts.tag);
        const page = services.stores.threads.search({ words, tag, limit: opts.limit });
        if (page.threads.length === 0) {
          const unknown = tag === undefined ? undefined : unknownTagNote(tag, services.stores.tags);
          note(unknown ?? renderReply({ kind: 'search', words, items: [], total: 0, nextCursor: null }, services.clock.now()));
          if (opts.json) print('[]');
          return;
        }
        if (opts.json) return print(JSON.stringify(page.threads.map(threadToJson), null, 2));
        const items = page.threads.map((t) => summarizeThread(t, services.routerServices.links));
        print(renderReply({ kind: 'search', words, items, total: page.total, nextCursor: null }, services.clock.now()));
      }),
    );
}
