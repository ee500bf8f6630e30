import { spawnSync } from 'node:child_process';

/**
 * Child-process tests run `bin/spool.mjs`, which runs the compiled dist/: build it first when src/
 * changed (`npm test` does this in pretest; `npx vitest` alone would otherwise test a stale build).
 */
export default function buildOnce(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building dist/ failed (node scripts/build.mjs)');
}
