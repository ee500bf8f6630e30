import type { IncomingMessage, ServerResponse } from 'node:http';
import { createWebServer } from '../web/index.ts';
import type { Part } from './lifecycle.ts';
import type { Services } from './services.ts';

/** The reader could not bind its address: one sentence, naming the setting to change. */
export class ReaderAddressError extends Error {
  override readonly name = 'ReaderAddressError';
}

function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `${host}:${port}`;
  if (error.code === 'EADDRINUSE') return `the web reader cannot listen on ${where}: the port is in use (set PORT)`;
  if (error.code === 'EACCES') return `the web reader may not listen on ${where}: ports below 1024 need privileges (set PORT)`;
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
    return `the web reader cannot listen on ${where}: no such address on this machine (set HOST)`;
  return `the web reader cannot listen on ${where}: ${error.code ?? error.message}`;
}

/** Starts the reader on HOST:PORT and returns its part and URL; a bind failure throws ReaderAddressError. */
export async function startWebReader(
  services: Services,
  mounts?: ReadonlyMap<string, (req: IncomingMessage, res: ServerResponse) => void>,
): Promise<{ part: Part; url: string }> {
  const { env } = services.config;
  const web = createWebServer({
    threads: services.stores.threads,
    tags: services.stores.tags,
    authors: services.stores.authors,
    clock: services.clock,
    log: services.logger,
    publicUrl: env.SPOOL_PUBLIC_URL,
    stats: () => services.stores.stats(),
    mounts,
  });
  let port: number;
  try {
    ({ port } = await web.listen(env.PORT, env.HOST));
  } catch (error) {
    throw new ReaderAddressError(describeListenError(error as NodeJS.ErrnoException, env.HOST, env.PORT), { cause: error });
  }
  const shownHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  const url = `http://${shownHost}:${port}/`;
  services.logger.info({ host: env.HOST, port }, `web reader on ${url}`);
  return { part: { name: 'web', stop: () => web.close() }, url };
}
