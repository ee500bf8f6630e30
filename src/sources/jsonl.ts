import { postSchema } from '../core/index.ts';
import type { ImportContext, ImportFormat, ParsedImport } from './import-format.ts';
import { zodReason } from './zod-reason.ts';

/** One line of Spool's JSONL: a post, or the reason it was skipped (with its line number). */
function parseLine(text: string, lineNumber: number, context: ImportContext): ParsedImport {
  const line = text.trim();
  if (line === '') return { posts: [], issues: [] };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { posts: [], issues: [{ file: context.file, line: lineNumber, reason: 'not valid JSON' }] };
  }
  const parsed = postSchema.safeParse(value);
  if (!parsed.success) return { posts: [], issues: [{ file: context.file, line: lineNumber, reason: zodReason(parsed.error) }] };
  const post = parsed.data;
  return { posts: [context.tag ? { ...post, extraHashtags: [...post.extraHashtags, context.tag] } : post], issues: [] };
}

/**
 * Spool's own line format: one post per line, as `postSchema` documents (README "JSONL posts").
 * Any tool can pipe posts in this way; a bad line is reported with its number and skipped.
 * `spool import` streams it (`parseLine`); `parse` takes a whole text (the sample, tests).
 */
export const jsonlFormat: ImportFormat = {
  name: 'jsonl',
  detect: (head, file) => file.endsWith('.jsonl') || file.endsWith('.ndjson') || /^\s*\{/u.test(head),
  parse(text, context) {
    const out: ParsedImport = { posts: [], issues: [] };
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const one = parseLine(lines[i] ?? '', i + 1, context);
      out.posts.push(...one.posts);
      out.issues.push(...one.issues);
    }
    return out;
  },
  parseLine,
  byLine: () => true,
};
