import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { oneLine, type PostSink } from '../core/index.ts';
import { detectImportFormat, findImportFormat, IMPORT_FORMATS } from '../sources/formats.ts';
import { headText } from '../sources/feed-charset.ts';
import type { ImportIssue, ParsedImport } from '../sources/import-format.ts';

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
  /** Files in which every record was refused (nothing stored from them): most likely the wrong --format. */
  refusedFiles: { file: string; reason: string }[];
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
 * A bad record is skipped and reported; the rest of the file is stored. Every file is read and
 * parsed before anything is stored, so that a usage mistake in any of them (an unreadable file,
 * a Mastodon answer without the `--instance` it needs) changes nothing.
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
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  if (options.format !== 'auto' && !findImportFormat(options.format)) {
    throw new ImportUsageError(
      `unknown format "${options.format}": use auto, ${IMPORT_FORMATS.map((f) => f.name).join(', ')}`,
    );
  }
  const report: ImportReport = { posts: 0, threads: 0, newThreads: 0, grownThreads: 0, unchanged: 0, skipped: 0, errors: [], refusedFiles: [] };
  const seenAt = options.now ?? new Date();
  const parsedFiles: (ParsedImport & { readonly file: string; readonly format: string })[] = [];
  for (const file of files) {
    let bytes: Buffer;
    let fileDate: Date;
    try {
      bytes = readFileSync(file);
      fileDate = statSync(file).mtime;
    } catch (error) {
      throw new ImportUsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    let text = bytes.toString('utf8');
    // Editors on Windows start UTF-8 files with a byte order mark; it is no part of the content.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const format = options.format === 'auto' ? detectImportFormat(headText(bytes), basename(file)) : findImportFormat(options.format);
    if (!format) {
      report.refusedFiles.push({ file, reason: 'its format is not recognised: pass --format' });
      continue;
    }
    const parsed = format.parse(text, { file, tag: options.tag, fileDate, seenAt, bytes, instance: options.instance });
    if (parsed.refused) throw new ImportUsageError(`${file}: ${parsed.refused}`);
    parsedFiles.push({ ...parsed, file, format: format.name });
  }
  for (const parsed of parsedFiles) {
    report.skipped += parsed.issues.length;
    report.errors.push(...parsed.issues);
    report.posts += parsed.posts.length;
    if (parsed.posts.length === 0 && parsed.issues.length > 0) {
      const records = parsed.issues.length === 1 ? 'its only record' : `none of its ${parsed.issues.length} records`;
      report.refusedFiles.push({ file: parsed.file, reason: `${records} could be read as ${parsed.format} (${parsed.issues[0]?.reason ?? ''}): is --format right?` });
    }
    for (let i = 0; i < parsed.posts.length; i += BATCH) {
      const summary = await sink.ingest(parsed.posts.slice(i, i + BATCH));
      report.newThreads += summary.newThreads;
      report.grownThreads += summary.grownThreads;
      report.unchanged += summary.unchanged;
      options.onProgress?.(Math.min(i + BATCH, parsed.posts.length), parsed.posts.length);
    }
  }
  report.threads = report.newThreads + report.grownThreads;
  return report;
}
