import type { Command } from 'commander';
import { configOf } from '../context.ts';

/** `spool start`: the service, until SIGTERM (see src/app/start.ts). */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the service: bots, pollers, digests and the web reader that are configured, until SIGTERM')
    .action(async () => {
      const config = await configOf(program);
      const { startService } = await import('../../app/start.ts');
      await startService(config);
    });
}
