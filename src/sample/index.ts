import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Sample threads written for Spool (several hashtags, languages and scripts), loaded on the first
 * run with an empty database so that the console chat answers `/threads xinjiang` at once.
 */
export const SAMPLE_FILE = fileURLToPath(new URL('./threads.jsonl', import.meta.url));

export function readSampleThreads(): string {
  return readFileSync(SAMPLE_FILE, 'utf8');
}
