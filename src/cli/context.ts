import type { Command } from 'commander';
import { describeFailure, parseHashtagArgument } from '../core/index.ts';
import { loadConfig } from '../config.ts';
import { createServices, type Services } from '../compose.ts';

// What every `spool` command shares: the one-line usage error (exit status 2), opening the
// services for the global --db/--config options, and printing.

/** A mistake in how spool was called: exit status 2 with one line on stderr. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface GlobalOptions {
  db?: string;
  config?: string;
}

export function withServices<T>(program: Command, run: (services: Services) => Promise<T> | T): Promise<T> {
  const globals = program.opts<GlobalOptions>();
  const config = loadConfig({ configPath: globals.config, dbPath: globals.db });
  const services = createServices(config);
  return Promise.resolve()
    .then(() => run(services))
    .finally(() => services.close());
}

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`${name} must be a whole number from 1 to 1000, not "${value}"`);
    return n;
  };
}

export function hashtagOrFail(input: string): string {
  const parsed = parseHashtagArgument(input);
  if (!parsed.ok) throw new UsageError(describeFailure(parsed.failure));
  return parsed.value;
}

/** `--instance`: an http(s) address whose host names the Mastodon instance. */
export function instanceOrFail(input: string): string {
  let url: URL | undefined;
  try {
    url = new URL(input);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new UsageError(`--instance "${input}" is not an instance address: give it like https://mastodon.social`);
  }
  return url.origin;
}

export function print(value: string): void {
  process.stdout.write(`${value}\n`);
}

