import { jsonlFormat } from './jsonl.ts';
import type { ImportFormat } from './import-format.ts';
import { blueskyFormat, mastodonFormat, rssFormat, xFormat } from './live-formats.ts';
import { threadReaderFormat } from './threadreader.ts';

/**
 * Every format `spool import` reads, in the order `--format auto` tries them: the saved API answers
 * before jsonl, whose detection takes any JSON object.
 */
export const IMPORT_FORMATS: readonly ImportFormat[] = [threadReaderFormat, xFormat, mastodonFormat, blueskyFormat, rssFormat, jsonlFormat];

export function findImportFormat(name: string): ImportFormat | undefined {
  return IMPORT_FORMATS.find((f) => f.name === name);
}

export function detectImportFormat(head: string, file: string): ImportFormat | undefined {
  return IMPORT_FORMATS.find((f) => f.detect(head, file));
}
