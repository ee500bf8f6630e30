import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { oneLine, type PostSink } from './core/index.ts';
import { detectImportFormat, findImportFormat, IMPORT_FORMATS } from './sources/formats.ts';
import type { ImportIssue } from './sources/import-format.ts';

export interface ImportReport {
  /** Valid posts read from the files. */
  posts: number;
  /** Threads created or grown by this import (0 when the same files are imported again). */
  threads: number;
  newThreads: number;
  grownThreads: number;
  /** Posts already stored exactly so. */
  unchanged: number;
  /** Records that could not be read, each listed in `errors`. */
  skipped: number;
  errors: ImportIssue[];
}

/**
 * One report line for a record that could not be read: `file:line: reason`, the file name and the
 * reason each made one line (control characters escaped, clipped), whatever the file held.
 */
export function describeImportIssue(issue: ImportIssue): string {
  return `${oneLine(issue.file, 200)}${issue.line ? `:${issue.line}` : ''}: ${oneLine(issue.reason, 240)}`;
}

/** A mistake in what was asked (unknown format, unreadable file): exit status 2, one line. */
export class ImportUsageError extends Error {
  override readonly name = 'ImportUsageError';
}

const BATCH = 5_000;

/**
 * Parses files and stores their posts in batches, reporting progress through `onProgress`.
 * A bad record is skipped and reported; the rest of the file is stored.
 */
export function importFiles(
  sink: PostSink,
  files: readonly string[],
  options: { format: string; tag?: string | undefined; onProgress?: (done: number, total: number) => void },
): ImportReport {
  if (options.format !== 'auto' && !findImportFormat(options.format)) {
    throw new ImportUsageError(
      `unknown format "${options.format}": use auto, ${IMPORT_FORMATS.map((f) => f.name).join(', ')}`,
    );
  }
  const report: ImportReport = { posts: 0, threads: 0, newThreads: 0, grownThreads: 0, unchanged: 0, skipped: 0, errors: [] };
  for (const file of files) {
    let text: string;
    let fileDate: Date;
    try {
      text = readFileSync(file, 'utf8');
      fileDate = statSync(file).mtime;
    } catch (error) {
      throw new ImportUsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    // Editors on Windows start UTF-8 files with a byte order mark; it is no part of the content.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const format =
      options.format === 'auto' ? detectImportFormat(text.slice(0, 4096), basename(file)) : findImportFormat(options.format);
    if (!format) {
      report.skipped++;
      report.errors.push({ file, reason: 'format not recognised: pass --format' });
      continue;
    }
    const parsed = format.parse(text, { file, tag: options.tag, fileDate });
    report.skipped += parsed.issues.length;
    report.errors.push(...parsed.issues);
    report.posts += parsed.posts.length;
    for (let i = 0; i < parsed.posts.length; i += BATCH) {
      const summary = sink.ingest(parsed.posts.slice(i, i + BATCH));
      report.newThreads += summary.newThreads;
      report.grownThreads += summary.grownThreads;
      report.unchanged += summary.unchanged;
      options.onProgress?.(Math.min(i + BATCH, parsed.posts.length), parsed.posts.length);
    }
  }
  report.threads = report.newThreads + report.grownThreads;
  return report;
}
