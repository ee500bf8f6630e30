import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILE } from '../../../src/app/sample/index.ts';
import { composeDigest, systemClock } from '../../../src/core/index.ts';
import { openSqliteStores } from '../../../src/store/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';

const run = promisify(execFile);
const bin = new URL('../../../bin/spool.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spool-copy-'));
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** `spool …` as a child process; `url` selects PostgreSQL (SPOOL_DATABASE_URL), else SQLite at `--db`. */
async function spool(args: string[], store: { db?: string; url?: string } = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args, ...(store.db ? ['--db', store.db] : [])], {
      env: { ...process.env, SPOOL_CONFIG: '', LOG_LEVEL: 'warn', SPOOL_DATABASE_URL: store.url ?? '' },
      cwd: dir,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** What a reader sees of a store: threads by both sorts, a search, related tags and the subscriptions. */
async function view(store: { db?: string; url?: string }) {
  const answers = await Promise.all([
    spool(['threads', 'xinjiang', '--json', '--limit', '50'], store),
    spool(['threads', 'xinjiang', '--sort', 'best', '--json', '--limit', '50'], store),
    spool(['search', 'cotton', '--json'], store),
    spool(['related', 'xinjiang', '--json'], store),
    spool(['subscriptions', 'list', '--json'], store),
  ]);
  for (const answer of answers) expect(answer, answer.stderr).toMatchObject({ code: 0 });
  return answers.map((a) => JSON.parse(a.stdout) as unknown);
}

let pg: TestDatabase;
let pgBack: TestDatabase;
beforeAll(async () => {
  pg = await createTestDatabase('copy');
  pgBack = await createTestDatabase('import');
  databases.push(pg, pgBack);
});

describe('moving between SQLite and PostgreSQL (child processes)', { timeout: 180_000 }, () => {
  it('spool import of the same file into SQLite and into PostgreSQL → the same threads, search and related tags', async () => {
    const sqlite = { db: join(dir, 'imported.db') };
    const postgres = { url: pgBack.url };
    const [a, b] = await Promise.all([spool(['import', SAMPLE_FILE, '--json'], sqlite), spool(['import', SAMPLE_FILE, '--json'], postgres)]);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
    const [sqliteView, postgresView] = await Promise.all([view(sqlite), view(postgres)]);
    expect((sqliteView[0] as unknown[]).length).toBeGreaterThan(3);
    expect(postgresView).toEqual(sqliteView);
    // Importing again changes nothing on either engine.
    const again = await spool(['import', SAMPLE_FILE, '--json'], postgres);
    expect(JSON.parse(again.stdout)).toMatchObject({ threads: 0 });
  });

  it('store copy SQLite → PostgreSQL → SQLite keeps threads, subscriptions, ledger and ids; a second copy changes nothing', async () => {
    const source = { db: join(dir, 'source.db') };
    expect((await spool(['import', SAMPLE_FILE], source)).code).toBe(0);
    for (const [chat, tag] of [
      ['-1001', 'xinjiang'],
      ['-1002', 'china'],
    ] as const) {
      const added = await spool(
        ['subscriptions', 'add', '--platform', 'telegram', '--chat', chat, '--tag', tag, '--at', '08:30', '--tz', 'Europe/Oslo'],
        source,
      );
      expect(added.code, added.stderr).toBe(0);
    }
    // A digest delivered and a poller's place: the ledger and the cursors travel too.
    const seeded = openSqliteStores(source.db, systemClock);
    const since = new Date('2026-11-22T09:00:00Z');
    const until = new Date('2026-11-23T09:00:00Z');
    const digest = composeDigest({ tag: 'xinjiang', threads: [], since, until });
    const claimed = await seeded.ledger.claim({ subscriptionId: 1, period: '2026-11-23', since, until, digest, threadIds: ['x:1'] }, 'p', until, undefined);
    await seeded.ledger.settle(claimed!, { state: 'sent', messages: 1 }, until);
    await seeded.cursors.set('x', '#xinjiang', '1999');
    await seeded.close();
    const first = await spool(['store', 'copy', '--from', source.db, '--to', pg.url, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const counts = JSON.parse(first.stdout) as Record<string, number>;
    expect(counts).toMatchObject({ subscriptions: 2, delivery_ledger: 1, source_cursors: 1 });
    expect(counts['threads']).toBeGreaterThan(3);
    const again = await spool(['store', 'copy', '--from', source.db, '--to', pg.url]);
    expect(again.stdout).toMatch(
      /^Copied \d+ posts, \d+ threads, \d+ hashtags, 2 subscriptions, 1 ledger rows and 1 source cursors from .*source\.db to postgres:\/\/postgres@127\.0\.0\.1:5432\/spool_copy_[0-9a-f]+\.\n$/u,
    );

    const sourceView = await view(source);
    expect(await view({ url: pg.url })).toEqual(sourceView);
    // The copy's id counters continue past the copied ids: a new subscription gets a new id.
    const next = await spool(['subscriptions', 'add', '--platform', 'telegram', '--chat', '-1003', '--tag', 'xinjiang', '--json'], { url: pg.url });
    expect(next.code, next.stderr).toBe(0);

    const back = { db: join(dir, 'back.db') };
    const home = await spool(['store', 'copy', '--from', pg.url, '--to', back.db, '--json']);
    expect(home.code, home.stderr).toBe(0);
    expect(JSON.parse(home.stdout)).toMatchObject({ subscriptions: 3 });
    const backView = await view(back);
    expect(backView.slice(0, 4)).toEqual(sourceView.slice(0, 4));
    expect((backView[4] as { id: number }[]).map((s) => s.id)).toEqual([1, 2, 3]);
    const copied = openSqliteStores(back.db, systemClock);
    // Every thread whole, with the times Spool first saw it and saw it grow (what digests read), after two hops.
    const original = openSqliteStores(source.db, systemClock);
    const ids = (await original.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 50 })).threads.map((t) => t.id);
    for (const id of ids) expect(await copied.threads.getThread(id)).toEqual(await original.threads.getThread(id));
    await original.close();
    expect(await copied.ledger.get(1, '2026-11-23')).toMatchObject({ state: 'sent', messages: 1, threadIds: ['x:1'], until });
    expect(await copied.cursors.get('x', '#xinjiang')).toBe('1999');
    await copied.close();
  });

  it('copy mistakes → one sentence, exit 2, nothing written', async () => {
    expect(await spool(['store', 'copy', '--from', join(dir, 'missing.db'), '--to', pg.url])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^spool: there is no database at .*missing\.db \(--from\)\n$/u),
    });
    expect(await spool(['store', 'copy', '--from', pg.url, '--to', pg.url])).toMatchObject({
      code: 2,
      stderr: 'spool: --from and --to name the same store: give two different ones\n',
    });
    // A destination holding other data under the same names: refused with one sentence.
    const other = { db: join(dir, 'other.db') };
    await spool(['subscriptions', 'add', '--platform', 'telegram', '--chat', '-9', '--tag', 'zzz'], other);
    await spool(['subscriptions', 'add', '--platform', 'telegram', '--chat', '-1001', '--tag', 'xinjiang'], other);
    const clash = await spool(['store', 'copy', '--from', other.db, '--to', pg.url]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/^spool: the destination already holds other subscriptions under the same ids .*\n$/u);
    expect((await view({ url: pg.url }))[4]).toHaveLength(3);
  });
});
