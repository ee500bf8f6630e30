import type { Post } from '../core/index.ts';

/** A record that could not be read, with where it was: the rest of the file is still imported. */
export interface ImportIssue {
  readonly file: string;
  readonly line?: number;
  readonly reason: string;
}

export interface ParsedImport {
  readonly posts: Post[];
  readonly issues: ImportIssue[];
}

export interface ImportContext {
  readonly file: string;
  /** `--tag`: given to every post (a Thread Reader page's hashtag when the page does not say). */
  readonly tag?: string | undefined;
  /** When the file was written: dates for formats that carry none (Thread Reader pages). */
  readonly fileDate: Date;
}

/** One file format `spool import` understands. New sources add an entry to `IMPORT_FORMATS`. */
export interface ImportFormat {
  readonly name: string;
  /** True when `text` (the file's first few KB) looks like this format; `auto` picks the first match. */
  detect(head: string, file: string): boolean;
  parse(text: string, context: ImportContext): ParsedImport;
  /**
   * Reads one line of a file whose records stand one per line (JSONL posts; saved API answers, one per
   * line). `spool import` then reads such a file a chunk at a time, in memory bounded by a batch
   * whatever the file's size; `parse` reads the file whole. Blank lines are never passed in.
   */
  readonly parseLine?: (line: string, lineNumber: number, context: ImportContext) => ParsedImport;
  /** True when a file of this format is read line by line (`parseLine`), not whole. */
  readonly byLine?: (file: string) => boolean;
}
