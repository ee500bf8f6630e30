import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { oneLine, type ImportGroup, type Post, type PostSink } from '../core/index.ts';
import { headText } from '../sources/feed-charset.ts';
import { fileLines } from './file-lines.ts';
import { detectImportFormat, findImportFormat, IMPORT_FORMATS } from '../sources/formats.ts';
import type { ImportContext, ImportFormat, ImportIssue, ParsedImport } from '../sources/import-format.ts';

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
  /** Files in which every record was refused (nothing stored from them): most likely the wrong --format. */
  refusedFiles: { file: string; reason: string }[];
}

/** How far an import has got: bytes read of all the files, and posts read so far. */
export interface ImportProgress {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly posts: number;
}

/**
 * One report line for a record that could not be read: `file:line: reason`, the file name and the
 * reason each made one line (control characters escaped, clipped), whatever the file held.
 */
export function describeImportIssue(issue: ImportIssue): string {
  return `${oneLine(issue.file, 200)}${issue.line ? `:${issue.line}` : ''}: ${oneLine(issue.reason, 240)}`;
}

/** A mistake in what was asked (unknown format, unreadable file, a saved answer that needs --instance): exit 2, one line. */
export class ImportUsageError extends Error {
  override readonly name = 'ImportUsageError';
}

/**
 * Posts handed to the store at a time: what an import holds in memory, whatever the file's size.
 * With a store's import group, batches share a transaction until IMPORT_TRANSACTION_POSTS are stored.
 */
export const IMPORT_BATCH = 10_000;
/**
 * Posts per transaction when the store can group batches. Every transaction rewrites the index pages
 * it touches (tag links, pairs and counts are spread over every tag): at 100k threads, transactions of
 * 5,000 posts wrote 3.8 GB, 20,000 wrote 1.7 GB and 50,000 wrote 1.2 GB for a 0.4 GB database, at the
 * same CPU (docs/benchmarks.md). Grouping keeps that saving without holding 50,000 posts in memory.
 */
export const IMPORT_TRANSACTION_POSTS = 50_000;
/** A file of bad records lists this many in the report (all are counted in `skipped`): the report stays small. */
export const MAX_LISTED_ERRORS = 1_000;
const HEAD_BYTES = 4_096;

interface OpenedFile {
  readonly file: string;
  readonly fd: number;
  readonly size: number;
  readonly mtime: Date;
}

function openOrFail(file: string): OpenedFile {
  try {
    const fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    }
    return { file, fd, size: stat.size, mtime: stat.mtime };
  } catch (error) {
    throw new ImportUsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function readHead(fd: number): Buffer {
  const buffer = Buffer.alloc(HEAD_BYTES);
  const n = readSync(fd, buffer, 0, HEAD_BYTES, 0);
  return buffer.subarray(0, n);
}

/** The whole file as bytes and text; a UTF-8 byte order mark (Windows editors write one) is no part of the content. */
function readWhole(fd: number): { bytes: Buffer; text: string } {
  const bytes = readFileSync(fd);
  const text = bytes.toString('utf8');
  return { bytes, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * Parses files and stores their posts in batches of IMPORT_BATCH, reporting progress through
 * `onProgress`. Line formats (JSONL; saved answers one per line) are streamed: memory holds a batch,
 * whatever the file's size. Other formats are documents read whole (feeds as bytes, so that their
 * declared encoding is honoured). A bad record is skipped and reported; the rest of the file is stored.
 * A document refused as a whole (a saved Mastodon answer that needs --instance) stores nothing of itself.
 */
export async function importFiles(
  sink: PostSink,
  files: readonly string[],
  options: {
    format: string;
    tag?: string | undefined;
    instance?: string | undefined;
    /** The import's clock: when Spool first sees posts that carry no time. */
    now?: Date;
    onProgress?: (progress: ImportProgress) => void;
    /** The store's transaction group: commit every IMPORT_TRANSACTION_POSTS posts instead of after every batch. */
    group?: ImportGroup | undefined;
  },
): Promise<ImportReport> {
  const chosen = options.format === 'auto' ? undefined : findImportFormat(options.format);
  if (options.format !== 'auto' && !chosen) {
    throw new ImportUsageError(`unknown format "${options.format}": use auto, ${IMPORT_FORMATS.map((f) => f.name).join(', ')}`);
  }
  const opened: OpenedFile[] = [];
  try {
    for (const file of files) opened.push(openOrFail(file));
    return await importOpened(sink, opened, chosen, options);
  } finally {
    for (const { fd } of opened) closeSync(fd);
  }
}

async function importOpened(
  sink: PostSink,
  opened: readonly OpenedFile[],
  chosen: ImportFormat | undefined,
  options: Parameters<typeof importFiles>[2],
): Promise<ImportReport> {
  const totalBytes = opened.reduce((sum, f) => sum + f.size, 0);
  const report: ImportReport = { posts: 0, threads: 0, newThreads: 0, grownThreads: 0, unchanged: 0, skipped: 0, errors: [], refusedFiles: [] };
  const seenAt = options.now ?? new Date();
  const { group } = options;
  let batch: Post[] = [];
  let doneBytes = 0;
  let inGroup = 0; // posts stored since the group's transaction began
  const progress = (bytes: number): void => options.onProgress?.({ bytes, totalBytes, posts: report.posts });
  const store = async (): Promise<void> => {
    if (batch.length === 0) return;
    const posts = batch;
    batch = [];
    if (group && inGroup === 0) await group.begin();
    const summary = await sink.ingest(posts);
    inGroup += posts.length;
    if (group && inGroup >= IMPORT_TRANSACTION_POSTS) {
      await group.commit();
      inGroup = 0;
    }
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
      const head = readHead(fd);
      const format = chosen ?? detectImportFormat(headText(head), basename(file));
      if (!format) {
        report.refusedFiles.push({ file, reason: 'its format is not recognised: pass --format' });
        doneBytes += size;
        continue;
      }
      const context: ImportContext = { file, tag: options.tag, fileDate: mtime, seenAt, instance: options.instance };
      const before = { posts: report.posts, skipped: report.skipped, firstIssue: undefined as ImportIssue | undefined };
      const { parseLine } = format;
      if (parseLine && format.byLine?.(file)) {
        for (const { line, lineNumber, bytesRead } of fileLines(fd)) {
          const parsed = parseLine(lineNumber === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line, lineNumber, context);
          before.firstIssue ??= parsed.issues[0];
          take(parsed);
          if (batch.length >= IMPORT_BATCH) {
            await store();
            progress(doneBytes + bytesRead);
          }
        }
      } else {
        const { bytes, text } = readWhole(fd);
        const parsed = format.parse(text, { ...context, bytes });
        if (parsed.refused) throw new ImportUsageError(`${file}: ${parsed.refused}`);
        before.firstIssue = parsed.issues[0];
        take(parsed);
        while (batch.length > IMPORT_BATCH) {
          const rest = batch.splice(IMPORT_BATCH);
          await store();
          batch = rest;
        }
      }
      const read = report.posts - before.posts;
      const refused = report.skipped - before.skipped;
      if (read === 0 && refused > 0) {
        const records = refused === 1 ? 'its only record' : `none of its ${refused} records`;
        report.refusedFiles.push({ file, reason: `${records} could be read as ${format.name} (${before.firstIssue?.reason ?? ''}): is --format right?` });
      }
      doneBytes += size;
      progress(doneBytes);
    }
    await store();
    if (group && inGroup > 0) await group.commit();
    inGroup = 0;
    progress(totalBytes);
  } catch (error) {
    // What the open group stored is lost with it; everything committed before stays.
    if (group && inGroup > 0) await group.rollback();
    throw error;
  }
  report.threads = report.newThreads + report.grownThreads;
  return report;
}
