import type { Readable, Writable } from 'node:stream';
import { runConsoleChat } from '../platforms/console/chat.ts';
import { systemClock } from '../core/index.ts';
import { PLATFORMS } from '../platforms/index.ts';
import { jsonlFormat } from '../sources/jsonl.ts';
import { openSqliteStores } from '../store/index.ts';
import type { AppConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { secretsFromEnv } from './redact.ts';
import { readSampleThreads, SAMPLE_FILE } from './sample/index.ts';
import { createServices, databaseLabel, type Services } from './services.ts';
import { ReaderAddressError, startWebReader } from './web-reader.ts';

export interface ChatIo {
  readonly input: Readable;
  readonly output: Writable;
  /** A terminal: a prompt, line editing, and the web reader beside the chat. A pipe: answers until EOF. */
  readonly interactive: boolean;
}

/**
 * `spool chat`: the console chat, the bots' commands typed at a terminal (or piped in). On a database
 * with no threads it is a demo: the bundled sample threads are loaded into a database in memory, so
 * that `/threads xinjiang` answers at once and nothing of the sample ever reaches the real database.
 * Log lines never land on the chat's terminal (unless LOG_LEVEL asks for them): problems are sentences.
 */
export async function runChat(config: AppConfig, io: ChatIo): Promise<void> {
  const logger = createLogger(config.env.LOG_LEVEL ?? 'silent', { secrets: secretsFromEnv(config.env) });
  let services = await createServices(config, { logger });
  let sampleThreads = 0;
  if (await services.stores.isEmpty()) {
    await services.close();
    services = await createServices(config, { logger, stores: openSqliteStores(':memory:', systemClock) });
    sampleThreads = await loadSample(services);
  }
  const lines: string[] = [];
  let stopReader: (() => Promise<void>) | undefined;
  if (io.interactive) {
    const tokens = PLATFORMS.filter((p) => p.bot).map((p) => Object.keys(p.env)[0]);
    lines.push(`No bot token set, so this is the console chat. Set ${tokens.join(' or ')} and add sources in config/spool.json to go live (see README).`);
    if (sampleThreads > 0) {
      lines.push(
        `The database ${databaseLabel(config)} has no threads yet: showing ${sampleThreads} sample threads from memory (try /threads xinjiang). They are never written to it.`,
      );
    }
    try {
      const reader = await startWebReader(services);
      stopReader = async () => reader.part.stop();
      lines.push(`The web reader is on ${reader.url}`);
    } catch (error) {
      if (!(error instanceof ReaderAddressError)) throw error;
      lines.push(`The web reader is not running: ${error.message}.`);
    }
    io.output.write(`${lines.join('\n')}\n`);
  }
  try {
    await runConsoleChat({
      router: services.router,
      input: io.input,
      output: io.output,
      interactive: io.interactive,
      clock: services.clock,
      onError: (error) => {
        logger.error({ err: error }, 'console command failed');
        // The chat's terminal gets a sentence, never a log line; LOG_LEVEL brings the details to stderr.
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        return `Something went wrong on our side: ${reason}${config.env.LOG_LEVEL ? '' : ' (LOG_LEVEL=error shows the details on stderr)'}.`;
      },
    });
  } finally {
    await stopReader?.();
    await services.close();
  }
}

/** The sample threads into the (in-memory) demo database; returns how many threads it made. */
export async function loadSample(services: Services): Promise<number> {
  const parsed = jsonlFormat.parse(readSampleThreads(), { file: SAMPLE_FILE, fileDate: services.clock.now() });
  return (await services.stores.posts.ingest(parsed.posts)).newThreads;
}
