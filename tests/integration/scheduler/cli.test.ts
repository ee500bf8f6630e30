import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = new URL('../../../bin/spool.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spool-subs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'subs.db');

/** `spool …` as a child process on the test's database, with no tokens; never throws. */
async function spool(...args: string[]) {
  const env = { ...process.env, SPOOL_CONFIG: '', LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '' };
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args, '--db', db], { env, cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const oneLine = (text: string) => text.trim().split('\n');

describe('spool subscriptions (child process)', () => {
  it('add → exit 0 with the schedule; list and list --json show it; remove → gone from the list', async () => {
    const added = await spool(
      'subscriptions',
      'add',
      '--platform',
      'telegram',
      '--chat',
      '-1001234',
      '--tag',
      '#Xinjiang',
      '--at',
      '7:30',
      '--tz',
      'europe/oslo',
    );
    // A tag with no threads yet is accepted (the sources start following it), with the same note as threads and digest.
    expect(added).toMatchObject({ code: 0, stderr: 'No threads about #xinjiang yet.\n' });
    expect(added.stdout).toContain(
      'Added subscription 1: #xinjiang for telegram chat -1001234, every day at 07:30 Europe/Oslo. No threads yet: the sources now follow it.',
    );
    const cron = await spool(
      'subscriptions',
      'add',
      '--platform',
      'discord',
      '--chat',
      '1200000000000000001',
      '--tag',
      'china',
      '--cron',
      '0 9 * * 1-5',
      '--json',
    );
    expect(JSON.parse(cron.stdout)).toMatchObject({ id: 2, platform: 'discord', tag: 'china', cron: '0 9 * * 1-5', tz: 'UTC', paused: false });
    const list = await spool('subscriptions', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('1\ttelegram -1001234\t#xinjiang\tevery day at 07:30 Europe/Oslo\tactive');
    expect(list.stdout).toContain('on the schedule “0 9 * * 1-5” (UTC)');
    expect(await spool('subscriptions', 'remove', '2')).toMatchObject({ code: 0 });
    expect(JSON.parse((await spool('subscriptions', 'list', '--json')).stdout)).toHaveLength(1);
  }, 120_000);

  it('Mars/Base, a bad cron, a bad chat id, an unknown id → exit 2, one line on stderr, nothing changed; the same tag again → its options change, no second subscription', async () => {
    const base = ['subscriptions', 'add', '--platform', 'telegram', '--chat', '-55', '--tag', 'tibet'];
    const cases: [string[], string][] = [
      [[...base, '--tz', 'Mars/Base'], 'spool: “Mars/Base” is not a time zone: use an IANA name like Europe/Oslo or UTC.'],
      [[...base, '--cron', '0 25 * * *'], 'spool: “0 25 * * *” is not a cron expression: use five fields, like "0 9 * * 1-5".'],
      [
        ['subscriptions', 'add', '--platform', 'telegram', '--chat', 'general', '--tag', 'tibet'],
        'spool: --chat "general" is not a telegram chat id (a number like -1001234567890, or @channel)',
      ],
      [['subscriptions', 'remove', '99'], 'spool: no subscription 99: spool subscriptions list shows them'],
      [['send-digests', '--due'], 'spool: no platform to deliver to: set TELEGRAM_BOT_TOKEN (1 subscription waits for telegram)'],
    ];
    // Independent of each other and of the database's contents: run side by side.
    const results = await Promise.all(cases.map(([args]) => spool(...args)));
    for (const [i, [args, line]] of cases.entries()) {
      expect(results[i]?.code, args.join(' ')).toBe(2);
      expect(oneLine(results[i]?.stderr ?? ''), args.join(' ')).toEqual([line]);
    }
    expect(await spool(...base)).toMatchObject({ code: 0 });
    const again = await spool(...base, '--at', '10:00', '--lang', 'en,fr');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Updated subscription \d+: #tibet for telegram chat -55, every day at 10:00 UTC, threads in English or French\./mu);
    const tags = (JSON.parse((await spool('subscriptions', 'list', '--json')).stdout) as { tag: string }[]).map((s) => s.tag);
    expect(tags.filter((t) => t === 'tibet')).toHaveLength(1);
  }, 120_000);
});
