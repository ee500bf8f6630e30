#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx's loader): no build step between a clone and `npm start`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const argv = process.argv.slice(2);
process.exitCode = await runCli(argv.length === 0 ? ['start'] : argv);
