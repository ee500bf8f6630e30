import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import type { Post, PostSink } from './core/index.ts';
import { forEachLine } from './file-lines.ts';
import { detectImportFormat, findImportFormat, IMPORT_FORMATS } from './sources/formats.ts';
import type { ImportContext, ImportFormat, ImportIssue, ParsedImport } from './sources/import-format.ts';

export interface ImportReport {
  /** Valid posts read from the files. */
  posts: number;
  /** Threads created or grown by this import (0 when the same files are imported again). */
  threads: number;
  newThreads: number;
  grownThreads: number;
  /** Posts already stored exactly so. */
  unchanged: number;
  /** Records that could not be read; the first MAX_LISTED_ERRORS are listed in `errors`. */
  skipped: number;
  errors: ImportIssue[];
}

/** How far an import has got: bytes read of all the files, and posts read so far. */
export interface ImportProgress {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly posts: number;
}

/** A mistake in what was asked (unknown format, unreadable file): exit status 2, one line. */
export class ImportUsageError extends Error {
  override readonly name = 'ImportUsageError';
}

/**
 * Posts handed to the store at a time: what an import holds in memory, whatever the file's size.
 * With `group`, batches share a transaction until IMPORT_TRANSACTION_POSTS posts are stored.
 */
export const IMPORT_BATCH = 10_000;
/**
 * Posts per transaction when the store can group batches. Every transaction rewrites the index pages
 * it touches (tag links, pairs and counts are spread over every tag): at 100k threads, transactions of
 * 5,000 posts wrote 3.8 GB, 20,000 wrote 1.7 GB and 50,000 wrote 1.2 GB for a 0.4 GB database, at the
 * same CPU (docs/benchmarks.md). Grouping keeps that saving without holding 50,000 posts in memory.
 */
export const IMPORT_TRANSACTION_POSTS = 50_000;

/** Lets several `ingest` calls share one transaction (the SQLite store nests each in a savepoint). */
export interface TransactionGroup {
  begin(): void;
  commit(): void;
  rollback(): void;
}

/** A file of bad records lists this many in the report (all are counted in `skipped`): the report stays small. */
export const MAX_LISTED_ERRORS = 1_000;
const HEAD_BYTES = 4_096;

function openOrFail(file: string): { fd: number; size: number; mtime: Date } {
  try {
    const fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    }
    return { fd, size: stat.size, mtime: stat.mtime };
  } catch (error) {
    throw new ImportUsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function readHead(fd: number): string {
  const buffer = Buffer.alloc(HEAD_BYTES);
  const n = readSync(fd, buffer, 0, HEAD_BYTES, 0);
  return buffer.subarray(0, n).toString('utf8');
}

/**
 * Parses files and stores their posts in batches of IMPORT_BATCH, reporting progress through
 * `onProgress`. Line formats (JSONL; saved answers one per line) are streamed: memory holds a batch,
 * whatever the file's size. Other formats are documents read whole. A bad record is skipped and
 * reported; the rest of the file is stored.
 */
export function importFiles(
  sink: PostSink,
  files: readonly string[],
  options: {
    format: string;
    tag?: string | undefined;
    onProgress?: (progress: ImportProgress) => void;
    /** Commit every IMPORT_TRANSACTION_POSTS posts instead of after every batch. */
    group?: TransactionGroup | undefined;
  },
): ImportReport {
  const chosen = options.format === 'auto' ? undefined : findImportFormat(options.format);
  if (options.format !== 'auto' && !chosen) {
    throw new ImportUsageError(`unknown format "${options.format}": use auto, ${IMPORT_FORMATS.map((f) => f.name).join(', ')}`);
  }
  const opened = files.map((file) => ({ file, ...openOrFail(file) }));
  const totalBytes = opened.reduce((sum, f) => sum + f.size, 0);
  const report: ImportReport = { posts: 0, threads: 0, newThreads: 0, grownThreads: 0, unchanged: 0, skipped: 0, errors: [] };
  let batch: Post[] = [];
  let doneBytes = 0;
  const { group } = options;
  let inGroup = 0; // posts stored since the group's transaction began
  const progress = (bytes: number): void => options.onProgress?.({ bytes, totalBytes, posts: report.posts });
  const store = (): void => {
    if (batch.length === 0) return;
    if (group && inGroup === 0) group.begin();
    const summary = sink.ingest(batch);
    inGroup += batch.length;
    if (group && inGroup >= IMPORT_TRANSACTION_POSTS) {
      group.commit();
      inGroup = 0;
    }
    batch = [];
    report.newThreads += summary.newThreads;
    report.grownThreads += summary.grownThreads;
    report.unchanged += summary.unchanged;
  };
  const take = (parsed: ParsedImport): void => {
    report.skipped += parsed.issues.length;
    for (const issue of parsed.issues) if (report.errors.length < MAX_LISTED_ERRORS) report.errors.push(issue);
    report.posts += parsed.posts.length;
    for (const post of parsed.posts) batch.push(post);
  };
  try {
    for (const { file, fd, size, mtime } of opened) {
      const format: ImportFormat | undefined = chosen ?? detectImportFormat(readHead(fd), basename(file));
      if (!format) {
        take({ posts: [], issues: [{ file, reason: 'format not recognised: pass --format' }] });
        doneBytes += size;
        continue;
      }
      const context: ImportContext = { file, tag: options.tag, fileDate: mtime };
      const { parseLine } = format;
      if (parseLine && format.byLine?.(file)) {
        forEachLine(fd, (line, lineNumber, bytes) => {
          take(parseLine(line, lineNumber, context));
          if (batch.length >= IMPORT_BATCH) {
            store();
            progress(doneBytes + bytes);
          }
        });
      } else {
        take(format.parse(readFileSync(fd, 'utf8'), context));
        while (batch.length > IMPORT_BATCH) {
          const rest = batch.splice(IMPORT_BATCH);
          store();
          batch = rest;
        }
      }
      doneBytes += size;
      progress(doneBytes);
    }
    store();
    if (group && inGroup > 0) group.commit();
    inGroup = 0;
    progress(totalBytes);
  } catch (error) {
    // What the open group stored is lost with it; everything committed before stays.
    if (group && inGroup > 0) group.rollback();
    throw error;
  } finally {
    for (const { fd } of opened) closeSync(fd);
  }
  report.threads = report.newThreads + report.grownThreads;
  return report;
}
