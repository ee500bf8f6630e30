#!/usr/bin/env node
// Compiles src/ into dist/ (one ES module bundle with lazily loaded chunks), so that `spool` starts
// without compiling TypeScript at run time. Run by `npm ci` (prepare), `npm start`/`npm test` when src/
// is newer than dist/, and `npm run build`. `--if-stale` builds only when a source changed.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUT = 'dist/spool.js';

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(OUT) || newestSource('src') > statSync(OUT).mtimeMs || statSync('package-lock.json').mtimeMs > statSync(OUT).mtimeMs;
if (process.argv.includes('--if-stale') && !stale) process.exit(0);

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // An install without dev dependencies keeps the dist/ it was given.
  if (existsSync(OUT)) process.exit(0);
  process.stderr.write('spool: cannot build: esbuild is missing (run npm ci)\n');
  process.exit(1);
}

// A clean folder: chunks are content-hashed, and old ones would pile up beside the new.
rmSync('dist', { recursive: true, force: true });
await esbuild.build({
  entryPoints: { spool: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies stay in node_modules: native better-sqlite3 must, and the platforms' libraries load only when configured.
  external: ['better-sqlite3', 'discord.js', 'grammy', '@grammyjs/*', 'pino', 'node-cron'],
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  // CommonJS dependencies bundled into ES modules still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __spoolRequire } from 'node:module'; const require = __spoolRequire(import.meta.url);" },
  logLevel: 'warning',
});
