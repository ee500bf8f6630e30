/**
 * What `spool start` runs with no bot token and no sources: the services and the web reader, built the
 * way src/main.ts builds them, serving until SIGTERM. The bench measures this process's memory when
 * `spool start </dev/null` does not stay up as a service (on this branch it is the one-shot console
 * chat; the service mode is being made in src/main.ts). Bot libraries are not loaded: with no token
 * configured, `spool start` should not load them either.
 */
import { createServices } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { createWebServer } from '../src/web/index.ts';

const config = loadConfig({ configPath: process.env['SPOOL_CONFIG'], dbPath: process.env['SPOOL_DB'] });
const services = createServices(config, { logger: createLogger('warn') });
const web = createWebServer({
  threads: services.stores.threads,
  tags: services.stores.tags,
  clock: services.clock,
  log: services.logger,
  publicUrl: config.env.SPOOL_PUBLIC_URL,
  stats: () => services.stores.stats(),
});
await web.listen(config.env.PORT, '127.0.0.1');
process.once('SIGTERM', () => {
  void web.close().finally(() => {
    services.close();
    process.exit(0);
  });
});
