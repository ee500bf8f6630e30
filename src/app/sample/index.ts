import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Sample threads written for Spool (several hashtags, languages and scripts). Only the console demo
 * shows them, from a database in memory: they never enter a real database, a digest or a feed.
 * The file sits beside this module in `src/` and is found from the bundle in `dist/` as well.
 */
const CANDIDATES = ['./threads.jsonl', '../src/app/sample/threads.jsonl', '../../src/app/sample/threads.jsonl'];

export const SAMPLE_FILE =
  CANDIDATES.map((relative) => fileURLToPath(new URL(relative, import.meta.url))).find((path) => existsSync(path)) ??
  fileURLToPath(new URL(CANDIDATES[0] ?? '', import.meta.url));

export function readSampleThreads(): string {
  return readFileSync(SAMPLE_FILE, 'utf8');
}
