import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError, parseConfig } from '../src/config.ts';

describe('config', () => {
  it('no file and an empty environment → defaults from the contract', () => {
    const config = parseConfig({ env: {} });
    expect(config.dbPath).toBe('./data/spool.db');
    expect(config.env).toMatchObject({ TELEGRAM_API_ROOT: 'https://api.telegram.org', PORT: 8080, LOG_LEVEL: 'info' });
    expect(config.env.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.file.sources).toEqual([]);
  });

  it('the example config → valid, with durations in milliseconds and hashtags normalized', () => {
    const file = JSON.parse(readFileSync(new URL('../config/spool.example.json', import.meta.url), 'utf8')) as unknown;
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
});
