import { postSchema, type Post } from '../core/index.ts';
import type { ImportFormat, ImportIssue } from './import-format.ts';
import { zodReason } from './zod-reason.ts';

/**
 * Spool's own line format: one post per line, as `postSchema` documents (README "JSONL posts").
 * Any tool can pipe posts in this way; a bad line is reported with its number and skipped.
 */
export const jsonlFormat: ImportFormat = {
  name: 'jsonl',
  detect: (head, file) => file.endsWith('.jsonl') || file.endsWith('.ndjson') || /^\s*\{/u.test(head),
  parse(text, context) {
    const posts: Post[] = [];
    const issues: ImportIssue[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]?.trim() ?? '';
      if (line === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        issues.push({ file: context.file, line: i + 1, reason: 'not valid JSON' });
        continue;
      }
      const parsed = postSchema.safeParse(value);
      if (!parsed.success) {
        issues.push({ file: context.file, line: i + 1, reason: zodReason(parsed.error) });
        continue;
      }
      const post = parsed.data;
      posts.push(context.tag ? { ...post, extraHashtags: [...post.extraHashtags, context.tag] } : post);
    }
    return { posts, issues };
  },
};
