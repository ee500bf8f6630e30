import { runConsoleChat } from './bots/console/chat.ts';
import { createServices, type Services } from './compose.ts';
import type { AppConfig } from './config.ts';
import { jsonlFormat } from './sources/jsonl.ts';
import { readSampleThreads, SAMPLE_FILE } from './sample/index.ts';

/**
 * The composition root of `spool start`: config → database → services → the front ends that are
 * configured. With no bot token it runs the console chat on stdin/stdout.
 */
export async function startSpool(config: AppConfig): Promise<void> {
  const services = createServices(config);
  const { logger } = services;
  loadSampleIfEmpty(services);
  const stop = (): void => {
    services.close();
  };
  try {
    const chat = !config.env.TELEGRAM_BOT_TOKEN && !config.env.DISCORD_TOKEN;
    if (chat) {
      const interactive = Boolean(process.stdin.isTTY);
      if (interactive) {
        process.stdout.write(
          'No bot token set: this is the console chat. Set TELEGRAM_BOT_TOKEN or DISCORD_TOKEN and add sources in config/spool.json (see README).\n',
        );
      } else {
        process.stderr.write('spool: no bot token set, answering stdin (see README to add tokens and sources)\n');
      }
      await runConsoleChat({
        router: services.router,
        input: process.stdin,
        output: process.stdout,
        interactive,
        clock: services.clock,
        onError: (error) => logger.error({ err: error }, 'console command failed'),
      });
    }
  } finally {
    stop();
  }
}

/** First run: an empty database gets the bundled sample threads, so that there is something to ask about. */
export function loadSampleIfEmpty(services: Services): void {
  if (services.stores.stats().posts > 0) return;
  const parsed = jsonlFormat.parse(readSampleThreads(), { file: SAMPLE_FILE, fileDate: services.clock.now() });
  const summary = services.stores.posts.ingest(parsed.posts);
  services.logger.info({ threads: summary.newThreads }, 'empty database: loaded the sample threads');
}
