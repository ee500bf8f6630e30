import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { postSchema } from '../../src/core/index.ts';
import { describeImportIssue, importFiles } from '../../src/app/import-files.ts';
import { findImportFormat } from '../../src/sources/formats.ts';
import { createSqliteStores, openDatabase } from '../../src/store/index.ts';
import { hostileShort, hostileText } from './hostile.ts';
import { budget } from './settings.ts';

// Every importer on generated hostile input (issue 12, "Done when"): nothing throws, a bad record is
// reported on one clean line and the rest is stored, and what is stored is well-formed.

const dir = mkdtempSync(join(tmpdir(), 'spool-fuzz-import-'));
afterAll(async () => rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2026-11-23T12:00:00Z');
/** Dates an upstream may write that must be read: any instant, a leap second, an offset, RFC 822. */
const goodDate = fc.oneof(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2016-12-31T23:59:60Z', '2026-11-23T10:00:00+01:00', 'Mon, 23 Nov 2026 09:00:00 GMT', '2026-11-23T09:00:00.123456Z'),
);
const BAD_DATES = ['not a date', '', '2026-13-45T99:99:99Z', '10000-01-01T00:00:00Z', 'soon'];
// eslint-disable-next-line no-control-regex -- control characters are what must not be there
const UNCLEAN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** A record that must be stored (`good`) or reported (`bad`), by index so that ids never collide. */
interface Planned {
  readonly good: boolean;
  readonly record: (i: number) => unknown;
}

const good = (record: (i: number) => unknown): Planned => ({ good: true, record });
const bad = (record: (i: number) => unknown): Planned => ({ good: false, record });

const facet = fc.record({
  index: fc.record({ byteStart: fc.integer({ min: 0, max: 5000 }), byteEnd: fc.integer({ min: 0, max: 5000 }) }),
  features: fc.array(
    fc.oneof(
      fc.record({ $type: fc.constant('app.bsky.richtext.facet#link'), uri: hostileShort }),
      fc.record({ $type: fc.constant('app.bsky.richtext.facet#tag'), tag: hostileShort }),
    ),
    { maxLength: 3 },
  ),
});

const FORMATS = {
  x: {
    good: fc.record({ text: hostileText(), tag: hostileShort, date: goodDate }).map(({ text, tag, date }) =>
      good((i) => ({
        id: String(1_900_000_000_000_000_000n + BigInt(i)),
        text,
        author_id: '11',
        created_at: date,
        conversation_id: String(1_900_000_000_000_000_000n + BigInt(i)),
        entities: { hashtags: [{ tag }] },
      })),
    ),
    bad: fc
      .record({ text: hostileText(), date: fc.constantFrom(...BAD_DATES), id: hostileShort })
      .map(({ text, date, id }) =>
        bad((i) =>
          i % 2
            ? { id: String(1_800_000_000_000_000_000n + BigInt(i)), text, author_id: '11', created_at: date }
            : { id: `${id}x`, text, author_id: '11', created_at: '2026-11-20T00:00:00Z' },
        ),
      ),
    document: (records: unknown[]) =>
      JSON.stringify({ data: records, includes: { users: [{ id: '11', username: 'steppe_notes', name: 'Steppe' }] }, meta: {} }),
  },
  mastodon: {
    good: fc.record({ content: hostileText(), cw: hostileShort, tag: hostileShort }).map(({ content, cw, tag }) =>
      good((i) => ({
        id: String(i + 1),
        uri: `https://m.example/users/a/statuses/${i + 1}`,
        created_at: '2026-11-20T12:00:00.000Z',
        account: { id: '1', acct: 'a', url: 'https://m.example/@a' },
        content,
        spoiler_text: cw,
        tags: [{ name: tag }],
        in_reply_to_account_id: null,
      })),
    ),
    bad: fc
      .record({ content: hostileText(), date: fc.constantFrom(...BAD_DATES) })
      .map(({ content, date }) =>
        bad((i) =>
          i % 2
            ? { id: String(i + 1), created_at: date, account: { id: '1', acct: 'a' }, content }
            : { id: String(i + 1), created_at: '2026-11-20T12:00:00Z', account: { id: '1', acct: 'a' }, content: 42 },
        ),
      ),
    document: (records: unknown[]) => JSON.stringify(records),
  },
  bluesky: {
    good: fc
      .record({ text: hostileText(), facets: fc.array(facet, { maxLength: 8 }), tags: fc.array(hostileShort, { maxLength: 3 }) })
      .map(({ text, facets, tags }) =>
        good((i) => ({
          uri: `at://did:plc:a/app.bsky.feed.post/r${i}`,
          author: { did: 'did:plc:a', handle: 'a.example' },
          record: { text, createdAt: '2026-11-20T12:00:00Z', facets, tags },
        })),
      ),
    bad: fc
      .record({ text: hostileText(), date: fc.constantFrom(...BAD_DATES) })
      .map(({ text, date }) =>
        bad((i) =>
          i % 2
            ? { uri: `at://did:plc:a/app.bsky.feed.post/r${i}`, author: { did: 'did:plc:a', handle: 'a.example' }, record: { text, createdAt: date } }
            : { uri: `http://not-at/${i}`, author: { did: 'did:plc:a', handle: 'a' }, record: { text, createdAt: '2026-11-20T12:00:00Z' } },
        ),
      ),
    document: (records: unknown[]) => JSON.stringify({ posts: records }),
  },
  jsonl: {
    good: hostileText().map((text) =>
      good((i) => ({ id: `x:${i}`, source: 'jsonl', author: { id: '1', handle: 'h' }, text, createdAt: '2026-11-20T12:00:00Z' })),
    ),
    bad: fc.constantFrom<Planned>(
      bad(() => '{not json'),
      bad((i) => ({ id: `x:${i}`, source: 'jsonl', author: { id: '1', handle: 'h' }, text: 'x', createdAt: 'yesterday' })),
      bad(() => ({ id: 'nosource', text: 1 })),
    ),
    document: (records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n'),
  },
} as const;

describe.each(Object.entries(FORMATS))('importing %s files', (name, format) => {
  it('good and bad records mixed → every good one stored, every bad one reported on one clean line, nothing thrown', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(format.good, format.bad), { maxLength: 12 }), fc.boolean(), async (plan, bom) => {
        const records = plan.map((p, i) => p.record(i));
        const file = join(dir, `fuzz.${name === 'jsonl' ? 'jsonl' : 'json'}`);
        writeFileSync(file, `${bom ? '\ufeff' : ''}${format.document(records)}`);
        const db = openDatabase(':memory:');
        try {
          const report = await importFiles(createSqliteStores(db, { now: () => NOW }).posts, [file], { format: name });
          expect(report.posts).toBe(plan.filter((p) => p.good).length);
          expect(report.errors).toHaveLength(plan.filter((p) => !p.good).length);
          for (const error of report.errors) expect(UNCLEAN.test(describeImportIssue(error))).toBe(false);
        } finally {
          db.close();
        }
      }),
      budget(40),
    );
  });
});

describe.each(['threadreader', 'jsonl', 'x', 'mastodon', 'bluesky', 'rss'])('the %s parser on arbitrary text', (name) => {
  it('→ never throws; what it accepts is a valid, well-formed post; its reports are one clean line', async () => {
    const format = findImportFormat(name);
    if (!format) throw new Error(`no format ${name}`);
    const shapes = fc.oneof(
      hostileText(80),
      hostileText(20).map((t) => `Most recents (3)\n${t}\nRead 3 tweets\n${t}\nRead 1 posts\n`),
      hostileText(20).map(
        (t) =>
          `<?xml version="1.0"?><rss version="2.0"><channel><item><title>${t}</title><description>${t}</description><pubDate>${t}</pubDate></item></channel></rss>`,
      ),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(shapes, (text) => {
        const parsed = format.parse(text, { file: 'fuzz.txt', tag: 'xinjiang', fileDate: NOW });
        for (const post of parsed.posts) {
          expect(postSchema.safeParse(post).success).toBe(true);
          expect(post.text.isWellFormed() && post.author.name.isWellFormed() && post.id.isWellFormed()).toBe(true);
        }
        for (const issue of parsed.issues) expect(UNCLEAN.test(describeImportIssue(issue))).toBe(false);
      }),
      budget(60),
    );
  });
});
