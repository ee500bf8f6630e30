/**
 * The ingest half of the core: unrolling and what it needs, hashtag extraction (twitter-text) and language
 * detection (franc). Kept out of index.ts so that what only reads — `spool threads`, the web reader, a bot
 * answering — never loads those libraries: in the bundle they sit in a chunk of their own, loaded by the
 * store's ingest and the feed parsers when they first run (issue 11's start-up figure).
 */
export * from './hashtag-extraction.ts';
export * from './language-detection.ts';
export * from './unroll.ts';
