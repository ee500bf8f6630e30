import { runCli } from './cli.ts';

// The process entry; `spool` with no command runs `spool start`.
process.exitCode = await runCli(process.argv.slice(2));
