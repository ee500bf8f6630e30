#!/usr/bin/env node
// Runs before `npm start` and `npm test`: on a fresh clone (no node_modules, or a lock file newer than the
// install) it runs `npm ci` first, which also builds dist/; otherwise it rebuilds dist/ when src/ changed.
// So the README's two commands work on a new machine as they are.
// Output goes to stderr: stdout belongs to the console chat and to --json output.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs + 1000;
const run = (command, args) => spawnSync(command, args, { stdio: ['ignore', 2, 2] }).status;
if (stale) {
  process.stderr.write('spool: installing dependencies (npm ci; the first time compiles SQLite, about two minutes)…\n');
  const status = run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund']);
  if (status !== 0) {
    process.stderr.write('spool: npm ci failed; see the output above.\n');
    process.exit(status ?? 1);
  }
} else if (run(process.execPath, ['scripts/build.mjs', '--if-stale']) !== 0) {
  process.stderr.write('spool: building dist/ failed; see the output above.\n');
  process.exit(1);
}
