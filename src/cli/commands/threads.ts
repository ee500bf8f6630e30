import type { Command } from 'commander';
import { note, positiveInt, print, UsageError, withServices } from '../context.ts';

/**
 * `spool threads <hashtag>`: what /threads answers. A query that finds nothing is not an error:
 * exit 0, nothing on stdout (`[]` with --json), and one line on stderr saying why.
 */
export function registerThreadsCommand(program: Command): void {
  program
    .command('threads')
    .description('what /threads answers')
    .argument('<hashtag>')
    .option('--sort <sort>', 'recent or best', 'recent')
    .option('--limit <n>', 'how many threads', positiveInt('--limit'), 10)
    .option('--lang <code>', 'only threads in this language (ISO 639-1, e.g. fr)')
    .option('--json', 'print threads as JSON')
    .action((input: string, opts: { sort: string; limit: number; lang?: string; json?: boolean }) =>
      withServices(program, async (services) => {
        const { isSort, summarizeThread, threadToJson } = await import('../../core/index.ts');
        const { hashtagOrFail, languageOrFail, unknownTagNote } = await import('../arguments.ts');
        const { renderReply } = await import('../../platforms/console/render.ts');
        const tag = hashtagOrFail(input);
        if (!isSort(opts.sort)) throw new UsageError(`--sort must be recent or best, not "${opts.sort}"`);
        const lang = languageOrFail('--lang', opts.lang);
        const page = services.stores.threads.threadsByTag({ tag, sort: opts.sort, limit: opts.limit, lang });
        if (page.threads.length === 0) {
          note(unknownTagNote(tag, services.stores.tags) ?? `No threads about #${tag}${lang ? ` in ${lang}` : ''} yet.`);
          if (opts.json) print('[]');
          return;
        }
        if (opts.json) return print(JSON.stringify(page.threads.map(threadToJson), null, 2));
        const items = page.threads.map((t) => summarizeThread(t, services.routerServices.links));
        print(renderReply({ kind: 'threads', tag, sort: opts.sort, lang, items, total: page.total, nextCursor: null }, services.clock.now()));
      }),
    );
}
