import type { Command } from 'commander';
import { note, positiveInt, print, withServices } from '../context.ts';

/** `spool search <words…>`: what /search answers (every word must match, accents ignored); nothing found → exit 0 and a line on stderr. */
export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('full-text search over stored threads')
    .argument('<words...>')
    .option('--tag <tag>', 'only threads with this hashtag')
    .option('--author <handle>', 'only threads by this author (@handle, @user@instance, @x.com/user)')
    .option('--limit <n>', 'how many', positiveInt('--limit'), 10)
    .option('--json', 'print threads as JSON')
    .action((wordList: string[], opts: { tag?: string; author?: string; limit: number; json?: boolean }) =>
      withServices(program, async (services) => {
        const { threadToJson, wording } = await import('../core.ts');
        const { printReply, runQuery } = await import('../query.ts');
        const tagWord = opts.tag === undefined ? [] : [`#${opts.tag.replace(/^[#＃]+/u, '')}`];
        const authorWord = opts.author === undefined ? [] : [opts.author.startsWith('@') ? opts.author : `@${opts.author}`];
        const reply = await runQuery(services, 'search', [...wordList, ...tagWord, ...authorWord], { limit: opts.limit });
        if (reply?.kind !== 'search' || reply.threads.length === 0) {
          if (reply?.kind === 'search') note(wording.searchNone(reply));
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
