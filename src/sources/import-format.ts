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
}
