import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadEnvironment, parseConfig } from '../../../src/app/config.ts';

describe('config', () => {
  it('no file and an empty environment → defaults from the contract', () => {
    const config = parseConfig({ env: {} });
    expect(config.dbPath).toBe('./data/spool.db');
    expect(config.env).toMatchObject({ TELEGRAM_API_ROOT: 'https://api.telegram.org', PORT: 8080, HOST: '127.0.0.1' });
    // Unset: the service logs at info, the console chat shows no log lines.
    expect(config.env.LOG_LEVEL).toBeUndefined();
    expect(config.env['TELEGRAM_BOT_TOKEN']).toBeUndefined();
    expect(config.file.sources).toEqual([]);
  });

  it('the example config → valid, with durations in milliseconds and hashtags normalized', () => {
    const file = JSON.parse(readFileSync(new URL('../../../config/spool.example.json', import.meta.url), 'utf8')) as unknown;
    const config = parseConfig({ env: {}, file });
    expect(config.file.sources[0]).toMatchObject({ type: 'mastodon', every: 300_000, hashtags: ['xinjiang'] });
  });

  it('a bad field → ConfigError naming the file and the path of the field', () => {
    const bad = { sources: [{ type: 'rss', url: 'https://example.com/feed', hashtags: ['ok', 'not ok!'] }] };
    expect(() => parseConfig({ env: {}, file: bad, filePath: 'config/spool.json' })).toThrow(
      new ConfigError('config/spool.json: sources.0.hashtags.1: “not ok!” is not a hashtag'),
    );
  });

  it('an unknown key → rejected, so that a typo is not silently ignored', () => {
    expect(() => parseConfig({ env: {}, file: { sourcse: [] } })).toThrow(ConfigError);
  });

  it('a bad environment variable → ConfigError naming it', () => {
    expect(() => parseConfig({ env: { PORT: 'eighty' } })).toThrow(/environment: PORT/u);
  });

  it('blank token variables → treated as unset', () => {
    expect(parseConfig({ env: { DISCORD_TOKEN: '  ' } }).env.DISCORD_TOKEN).toBeUndefined();
  });

  it('config/.env.example copied as it is → the defaults, every command works', () => {
    const env = loadEnvironment({}, new URL('../../../config/.env.example', import.meta.url).pathname);
    const config = parseConfig({ env });
    expect(config.dbPath).toBe('./data/spool.db');
    expect(config.configPath).toBeUndefined();
    expect(config.env).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', TELEGRAM_API_ROOT: 'https://api.telegram.org' });
    expect(config.env['TELEGRAM_BOT_TOKEN']).toBeUndefined();
  });

  it('.env and the environment → the environment wins, .env fills the rest', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'spool-env-')), '.env');
    writeFileSync(file, 'PORT=9000\nHOST=0.0.0.0\n# a comment\nSPOOL_PUBLIC_URL="https://reader.example.org"\n');
    const env = loadEnvironment({ PORT: '7000' }, file);
    const config = parseConfig({ env });
    expect(config.env).toMatchObject({ PORT: 7000, HOST: '0.0.0.0', SPOOL_PUBLIC_URL: 'https://reader.example.org' });
  });

  it('no .env file → the environment as it is', () => {
    expect(loadEnvironment({ PORT: '1' }, join(tmpdir(), 'no-such-folder', '.env'))).toEqual({ PORT: '1' });
  });
});
