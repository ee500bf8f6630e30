import type { Command } from 'commander';
import type { AppConfig } from '../app/config.ts';
import type { Services } from '../app/services.ts';

// What every `spool` command shares: the one-line usage error (exit status 2), the configuration and
// services for the global --db/--config options, and printing. The heavy modules (the store, the core,
// the platforms) are imported by the command that needs them, so `spool --help` loads none of them.

/** A mistake in how spool was called: exit status 2 with one line on stderr. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface GlobalOptions {
  db?: string;
  config?: string;
}

/** The configuration for the global options: env > .env > defaults, then the config file. */
export async function configOf(program: Command): Promise<AppConfig> {
  const globals = program.opts<GlobalOptions>();
  const { loadConfig } = await import('../app/config.ts');
  return loadConfig({ configPath: globals.config, dbPath: globals.db });
}

export async function withServices<T>(program: Command, run: (services: Services) => Promise<T> | T): Promise<T> {
  const config = await configOf(program);
  const { createServices } = await import('../app/services.ts');
  const services = await createServices(config);
  try {
    return await run(services);
  } finally {
    await services.close();
  }
}

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`${name} must be a whole number from 1 to 1000, not "${value}"`);
    return n;
  };
}

export function print(value: string): void {
  process.stdout.write(`${value}\n`);
}

/** A line for stderr that is not an error: a query that found nothing says why there. */
export function note(value: string): void {
  process.stderr.write(`${value}\n`);
}
