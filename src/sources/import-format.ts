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
  /**
   * Set when the file cannot be imported as asked (a saved Mastodon answer that needs `--instance`):
   * one sentence for the user; nothing of this import is stored.
   */
  readonly refused?: string;
}

export interface ImportContext {
  readonly file: string;
  /** `--tag`: given to every post (a Thread Reader page's hashtag when the page does not say). */
  readonly tag?: string | undefined;
  /** When the file was written: the date of feed items that carry none (nor does their feed). */
  readonly fileDate: Date;
  /** When this import runs: the time Spool first sees posts whose source gives none (Thread Reader pages). */
  readonly seenAt?: Date | undefined;
  /** The file as read: formats that name their own encoding (feeds) decode it themselves. */
  readonly bytes?: Uint8Array | undefined;
  /** `--instance`: the Mastodon instance that served a saved answer (its status ids are local to it). */
  readonly instance?: string | undefined;
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
