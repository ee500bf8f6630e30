import { Option, type Command } from 'commander';
import { print, UsageError, withServices } from '../context.ts';

/**
 * `spool import <file…>`: parse files and store their threads. A bad record is skipped and reported,
 * the rest stored; a file in which every record was refused is a usage mistake (most likely the wrong
 * --format): exit 2 with one line, after the other files are stored.
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('parse files and store their threads')
    .argument('<file...>', 'files to import')
    .addOption(new Option('--format <format>', 'file format').default('auto'))
    .option('--tag <tag>', 'hashtag given to every thread (a Thread Reader page’s own tag otherwise)')
    .option('--instance <url>', 'the Mastodon instance a saved answer came from (its status ids are local to it)')
    .option('--json', 'print the summary as JSON')
    .action((files: string[], opts: { format: string; tag?: string; instance?: string; json?: boolean }) =>
      withServices(program, async (services) => {
        const { describeImportIssue, importFiles, ImportUsageError } = await import('../../app/import-files.ts');
        const { hashtagOrFail, instanceOrFail } = await import('../arguments.ts');
        const { progressBar } = await import('../progress.ts');
        const tag = opts.tag === undefined ? undefined : hashtagOrFail(opts.tag);
        const instance = opts.instance === undefined ? undefined : instanceOrFail(opts.instance);
        const bar = process.stderr.isTTY && !opts.json ? progressBar(process.stderr) : undefined;
        let report;
        try {
          report = await importFiles(services.stores.posts, files, {
            format: opts.format,
            tag,
            instance,
            onProgress: bar?.update,
            group: services.stores.importGroup?.(),
          });
        } catch (error) {
          if (error instanceof ImportUsageError) throw new UsageError(error.message);
          throw error;
        } finally {
          bar?.done();
        }
        const { posts, threads, skipped, errors, newThreads, grownThreads, unchanged } = report;
        if (opts.json) {
          print(JSON.stringify({ posts, threads, skipped, errors, newThreads, grownThreads, unchanged }));
        } else {
          print(`Imported ${posts} posts: ${newThreads} new threads, ${grownThreads} grown, ${unchanged} posts unchanged, ${skipped} skipped.`);
          // A wholly refused file gets the one line below instead of a line per record.
          const listed = errors.filter((e) => !report.refusedFiles.some((r) => r.file === e.file));
          for (const e of listed.slice(0, 20)) process.stderr.write(`  ${describeImportIssue(e)}\n`);
          if (listed.length > 20) process.stderr.write(`  … and ${listed.length - 20} more\n`);
        }
        const refused = report.refusedFiles[0];
        if (refused) {
          const others = report.refusedFiles.length > 1 ? ` (and ${report.refusedFiles.length - 1} more files)` : '';
          throw new UsageError(`${refused.file}: ${refused.reason}${others}`);
        }
      }),
    );
}
