import { runCli } from './cli.ts';

// The process entry: `spool` with no command means `spool start`.
const argv = process.argv.slice(2);
process.exitCode = await runCli(argv.length === 0 ? ['start'] : argv);
