import { basename } from 'node:path';
import type { Post } from '../core/index.ts';
import { parseBlueskyDocument } from './bluesky-parse.ts';
import type { ImportContext, ImportFormat, ParsedImport } from './import-format.ts';
import { describeJsonError } from './json-error.ts';
import { createMastodonScope, hasUnresolvedReferences, learnMastodonIds, parseMastodonStatuses, provenMastodonHost } from './mastodon-parse.ts';
import type { ParsedPage } from './parsed.ts';
import { parseFeed } from './rss-parse.ts';
import { parseXPage } from './x-parse.ts';

/**
 * Saved API answers and feeds as import formats (`spool import --format x|mastodon|bluesky|rss`),
 * read by the same parsers the pollers use, so an operator can backfill from files offline.
 */

const lineName = (file: string): boolean => /\.(jsonl|ndjson)$/iu.test(file);
const jsonName = (file: string): boolean => !lineName(file);
const looksJson = (head: string): boolean => /^\s*[[{]/u.test(head);

function toImport(page: ParsedPage, context: ImportContext): ParsedImport {
  const posts: Post[] = context.tag ? page.posts.map((p) => ({ ...p, extraHashtags: [...new Set([...p.extraHashtags, context.tag ?? ''])] })) : page.posts;
  return { posts, issues: page.issues.map((reason) => ({ file: context.file, reason })) };
}

function parseJson(text: string, context: ImportContext): { value?: unknown; failed?: ParsedImport } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { failed: { posts: [], issues: [{ file: context.file, ...describeJsonError(text, error) }] } };
  }
}

/**
 * A file of saved answers, one JSON document per line (`.jsonl`/`.ndjson`, with `--format`): read a
 * line at a time, so that any number of pages imports in bounded memory. A whole-file document (a
 * list of pages) is read at once; `jq -c '.[]'` turns a big one into lines.
 */
function byLine(parseText: ImportFormat['parse']): Pick<ImportFormat, 'parseLine' | 'byLine'> {
  return {
    byLine: lineName,
    parseLine(line, lineNumber, context) {
      const parsed = parseText(line, context);
      return { posts: parsed.posts, issues: parsed.issues.map((issue) => ({ ...issue, line: lineNumber })) };
    },
  };
}

/** One or more pages merged: a list of saved pages imports like one. */
function merge(pages: readonly ParsedPage[]): ParsedPage {
  return { posts: pages.flatMap((p) => p.posts), issues: pages.flatMap((p) => p.issues), skipped: pages.reduce((n, p) => n + p.skipped, 0) };
}

/** X API v2 answers: a search or lookup page (`data`, `includes`, `meta`), or a list of them. */
const parseX: ImportFormat['parse'] = (text, context) => {
  const { value, failed } = parseJson(text, context);
  if (failed) return failed;
  return toImport(merge((Array.isArray(value) ? value : [value]).map(parseXPage)), context);
};

export const xFormat: ImportFormat = {
  name: 'x',
  detect: (head, file) => jsonName(file) && looksJson(head) && /"(author_id|edit_history_tweet_ids|conversation_id)"\s*:/u.test(head),
  parse: parseX,
  ...byLine(parseX),
};

export const MASTODON_NEEDS_INSTANCE =
  'this saved Mastodon answer has replies to statuses it does not hold, whose ids belong to the instance that served it, and nothing in the file names that instance: pass --instance URL (the instance it was saved from, like https://mastodon.social)';

/**
 * Mastodon answers: a timeline (a list of statuses), a context (`ancestors`, `descendants`), or one status.
 * Read whole, not line by line: a status's reply id is local to its instance, and is matched against
 * every status of the file before the file is refused for want of `--instance`.
 */
export const mastodonFormat: ImportFormat = {
  name: 'mastodon',
  detect: (head, file) => jsonName(file) && looksJson(head) && /"(in_reply_to_account_id|favourites_count|reblogs_count|ancestors)"\s*:/u.test(head),
  parse(text, context) {
    const { value, failed } = parseJson(text, context);
    if (failed) return failed;
    const doc = value as { ancestors?: unknown; descendants?: unknown } | unknown[];
    const items = Array.isArray(doc)
      ? doc
      : Array.isArray(doc?.ancestors) || Array.isArray(doc?.descendants)
        ? [...((doc.ancestors as unknown[]) ?? []), ...((doc.descendants as unknown[]) ?? [])]
        : [value];
    // Ids are global (uris); only replies to statuses missing from the file need the serving instance's name.
    const scope = createMastodonScope(context.instance ? new URL(context.instance).host : provenMastodonHost(items));
    learnMastodonIds(scope, items);
    if (!scope.host && hasUnresolvedReferences(items, scope)) return { posts: [], issues: [], refused: MASTODON_NEEDS_INSTANCE };
    return toImport(parseMastodonStatuses(items, scope), context);
  },
};

/** Bluesky answers: searchPosts, getPostThread, an author feed (reposts skipped), or a list of post views. */
const parseBluesky: ImportFormat['parse'] = (text, context) => {
  const { value, failed } = parseJson(text, context);
  if (failed) return failed;
  return toImport(parseBlueskyDocument(value), context);
};

export const blueskyFormat: ImportFormat = {
  name: 'bluesky',
  detect: (head, file) => jsonName(file) && looksJson(head) && /"at:\/\//u.test(head) && /"(record|app\.bsky\.[a-z.#A-Z]+)"/u.test(head),
  parse: parseBluesky,
  ...byLine(parseBluesky),
};

/** The root element's name after the prolog (declaration, comments, doctype): `rss`, `feed`, `rdf:RDF`, `r:rss`. */
const FEED_ROOT = /^(?:\s|<\?[^>]*>|<!--(?:[^-]|-(?!->))*-->|<!DOCTYPE[^>[]*(?:\[[^\]]*\])?\s*>)*<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s>]/u;

/** RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed documents; each item one post. */
export const rssFormat: ImportFormat = {
  name: 'rss',
  detect: (head, file) => FEED_ROOT.test(head) || (jsonName(file) && looksJson(head) && /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//u.test(head)),
  parse(text, context) {
    const extra = context.tag ? [context.tag] : [];
    // The bytes when there are any: a feed names its own encoding, which a UTF-8 reading would ignore.
    const feed = parseFeed(context.bytes ?? text, { feedKey: `file:${basename(context.file)}`, extraHashtags: extra, fetchedAt: context.fileDate });
    return toImport(feed, { ...context, tag: undefined });
  },
};
