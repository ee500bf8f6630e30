import { jsonlFormat } from './jsonl.ts';
import type { ImportFormat } from './import-format.ts';
import { threadReaderFormat } from './threadreader.ts';

/** Every format `spool import` reads, in the order `--format auto` tries them. */
export const IMPORT_FORMATS: readonly ImportFormat[] = [threadReaderFormat, jsonlFormat];

export function findImportFormat(name: string): ImportFormat | undefined {
  return IMPORT_FORMATS.find((f) => f.name === name);
}

export function detectImportFormat(head: string, file: string): ImportFormat | undefined {
  return IMPORT_FORMATS.find((f) => f.detect(head, file));
}
