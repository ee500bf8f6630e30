import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { oneLine } from '../../../src/core/index.ts';
import { describeImportIssue, importFiles } from '../../../src/app/import-files.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { makeXPost } from '../../fakes/upstream/x.ts';
import { NOW } from '../../support/sources.ts';

// Issue 12, item 8: import reports were not one clean line — ids with escape sequences and
// newlines printed raw, JSON errors quoting multi-line input, a UTF-8 BOM making a whole file
// "not valid JSON".

const dir = mkdtempSync(join(tmpdir(), 'spool-reports-'));
afterAll(async () => rmSync(dir, { recursive: true, force: true }));
let db: Db | undefined;
afterEach(async () => db?.close());

const alice = { id: '11', username: 'steppe_notes', name: 'Steppe Notes' };
const ESC = '\u001b';
const xPage = (posts: unknown[]) => ({ data: posts, includes: { users: [alice] }, meta: {} });

async function importText(name: string, text: string, format = 'auto') {
  const file = join(dir, name);
  writeFileSync(file, text);
  db = openDatabase(':memory:');
  return importFiles(createSqliteStores(db, { now: () => NOW }).posts, [file], { format });
}

/** Nothing a terminal would obey: no C0/C1 control character, no line or paragraph separator, no bidi override. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const clean = (line: string): boolean => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.test(line);

describe('import reports are one clean line each', () => {
  it('a record whose id carries an escape sequence, a newline and a bidi override → reported on one line with them escaped', async () => {
    const hostile = { ...makeXPost(alice, { id: '1900000000000000001', text: 'x' }), id: `1${ESC}[2J\n\u202eevil` };
    const report = await importText('hostile.json', JSON.stringify(xPage([hostile])), 'x');
    const line = describeImportIssue(report.errors[0] ?? { file: '', reason: '' });
    expect(clean(line)).toBe(true);
    expect(line).toContain('post 1\\x1b[2J\\n\\u202eevil: id: not an X id');
  });

  it('a JSON file broken on its third line → the line number and what was wrong, without quoting the file', async () => {
    const report = await importText('broken.json', '{\n  "data": [\n    {"id" 1}\n  ]\n}', 'x');
    expect(report.errors).toEqual([{ file: join(dir, 'broken.json'), line: 3, reason: "not valid JSON: Expected ':' after property name" }]);
  });

  it('a JSON error V8 describes by quoting the input → the quote dropped', async () => {
    const report = await importText('quoted.json', `{"data": x${'\n'.repeat(5)}${ESC}[31m}`, 'x');
    expect(report.errors[0]?.reason).toBe("not valid JSON: Unexpected token 'x'");
  });

  it.each([
    ['x', JSON.stringify(xPage([makeXPost(alice, { id: '1900000000000000002', text: 'hello #xinjiang' })]))],
    [
      'mastodon',
      JSON.stringify([
        {
          id: '1',
          uri: 'https://m.example/users/a/statuses/1',
          created_at: '2026-11-20T12:00:00Z',
          account: { id: '1', acct: 'a', url: 'https://m.example/@a' },
          content: '<p>hi #xinjiang</p>',
          in_reply_to_account_id: null,
        },
      ]),
    ],
    [
      'bluesky',
      JSON.stringify({
        posts: [
          {
            uri: 'at://did:plc:a/app.bsky.feed.post/1',
            author: { did: 'did:plc:a', handle: 'a.example' },
            record: { text: 'hi #xinjiang', createdAt: '2026-11-20T12:00:00Z' },
          },
        ],
      }),
    ],
    ['jsonl', JSON.stringify({ id: 'x:9', source: 'jsonl', author: { id: '9', handle: 'nine' }, text: 'hi #xinjiang', createdAt: '2026-11-20T12:00:00Z' })],
  ])('a %s file that starts with a UTF-8 byte order mark → detected and imported', async (format, body) => {
    const report = await importText(`bom-${format}.${format === 'jsonl' ? 'jsonl' : 'json'}`, `\ufeff${body}`);
    expect(report).toMatchObject({ posts: 1, errors: [] });
  });

  it('oneLine → control characters visible, long text clipped by code points', async () => {
    expect(oneLine(`a\tb\r\nc${ESC}\u0085\u2028`)).toBe('a\\tb\\r\\nc\\x1b\\x85\\u2028');
    expect(oneLine('😀'.repeat(200), 10)).toBe(`${'😀'.repeat(9)}…`);
    expect(oneLine('\ud800x')).toBe('\ufffdx');
  });
});

describe('spool import prints them so (child process)', { timeout: 120_000 }, () => {
  it('a file whose records carry escape sequences → every stderr line clean, the summary on stdout', async () => {
    const hostile = (n: number) => ({ ...makeXPost(alice, { id: `190000000000000010${n}`, text: 'x' }), id: `${n}${ESC}]0;pwned\u0007\nline` });
    const file = join(dir, `bad${ESC}[1m\nname.json`);
    writeFileSync(file, JSON.stringify(xPage([hostile(1), hostile(2), makeXPost(alice, { id: '1900000000000000200', text: 'fine #xinjiang' })])));
    const bin = new URL('../../../bin/spool.mjs', import.meta.url).pathname;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, 'import', file, '--db', join(dir, 'cli.db')], {
      env: { ...process.env, SPOOL_CONFIG: '', LOG_LEVEL: 'warn' },
      cwd: dir,
    });
    expect(stdout).toMatch(/^Imported 1 posts: 1 new threads, 0 grown, 0 posts unchanged, 2 skipped\.\n$/u);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every(clean)).toBe(true);
    expect(lines[0]).toContain('bad\\x1b[1m\\nname.json: post 1\\x1b]0;pwned\\x07\\nline: id: not an X id');
  });
});
