#!/usr/bin/env node
// The `spool` command: the compiled bundle in dist/ (built by `npm ci`, `npm start`, `npm test` and
// `npm run build`; `npm run dev` runs the TypeScript sources directly with tsx instead).
try {
  await import('../dist/spool.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/spool.js')) throw error;
  process.stderr.write('spool: not built yet: run `npm run build` (npm ci does it too)\n');
  process.exitCode = 1;
}
