import type { Command } from 'commander';
import { note, positiveInt, print, UsageError, withServices } from '../context.ts';

/**
 * `spool threads <hashtag>`: what /threads answers, through the same router. A query that finds
 * nothing is not an error: exit 0, nothing on stdout (`[]` with --json), one line on stderr saying why.
 */
export function registerThreadsCommand(program: Command): void {
  program
    .command('threads')
    .description('what /threads answers: a hashtag’s threads, or an @author’s')
    .argument('<hashtag|@handle>')
    .option('--sort <sort>', 'recent or best', 'recent')
    .option('--limit <n>', 'how many threads', positiveInt('--limit'), 10)
    .option('--lang <code>', 'only threads in this language (ISO 639-1, e.g. fr)')
    .option('--json', 'print threads as JSON')
    .action((input: string, opts: { sort: string; limit: number; lang?: string; json?: boolean }) =>
      withServices(program, async (services) => {
        const { threadToJson, wording } = await import('../core.ts');
        const { languageOrFail } = await import('../arguments.ts');
        const { printReply, runQuery } = await import('../query.ts');
        if (opts.sort !== 'recent' && opts.sort !== 'best') throw new UsageError(`--sort must be recent or best, not "${opts.sort}"`);
        const lang = languageOrFail('--lang', opts.lang);
        const reply = await runQuery(services, 'threads', [input, opts.sort], { limit: opts.limit, lang });
        if ((reply?.kind !== 'threads' && reply?.kind !== 'author') || reply.threads.length === 0) {
          if (reply?.kind === 'threads') note(wording.threadsNone(reply));
          if (opts.json) print('[]');
          return;
        }
        // A thread posted on several networks is one item; its other copies are listed with it.
        const json = reply.threads.map((t, i) => ({ ...threadToJson(t), ...(reply.items[i]?.alsoOn ? { alsoOn: reply.items[i]?.alsoOn } : {}) }));
        if (opts.json) return print(JSON.stringify(json, null, 2));
        await printReply(services, { ...reply, nextCursor: null });
      }),
    );
}
