import { runCli } from './program.ts';

// The process entry (bin/spool.mjs runs its compiled form). The exit status is set, not forced, so
// that output still being written reaches its pipe; a service's timers end with its lifecycle.
process.exitCode = await runCli(process.argv.slice(2));
