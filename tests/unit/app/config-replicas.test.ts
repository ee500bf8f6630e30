import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/app/config.ts';
import { configuredPlatforms } from '../../../src/app/platforms.ts';
import { databaseLabel } from '../../../src/app/services.ts';
import { sourceRole } from '../../../src/app/start.ts';

const settingsOf = (env: Record<string, string>, id: string) =>
  configuredPlatforms(parseConfig({ env })).find((p) => p.platform.id === id)?.settings as Record<string, unknown> | undefined;

describe('configuration for replicas', () => {
  it('SPOOL_DATABASE_URL → the PostgreSQL store, named without its password; anything but a postgres:// URL → one sentence', () => {
    const config = parseConfig({ env: { SPOOL_DATABASE_URL: 'postgres://spool:s3cret@db.internal:5432/spool' } });
    expect(config.databaseUrl).toBe('postgres://spool:s3cret@db.internal:5432/spool');
    expect(databaseLabel(config)).toBe('postgres://spool:***@db.internal:5432/spool');
    expect(databaseLabel(parseConfig({ env: {} }))).toBe('./data/spool.db');
    expect(() => parseConfig({ env: { SPOOL_DATABASE_URL: 'mysql://x@y/z' } })).toThrow(
      new ConfigError('environment: SPOOL_DATABASE_URL: must be a postgres:// URL'),
    );
  });

  it('Telegram webhook → a secret from TELEGRAM_WEBHOOK_SECRET, or one derived from the token (the same on every replica, not the token)', () => {
    const base = { TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/updates' };
    expect(settingsOf({ ...base, TELEGRAM_WEBHOOK_SECRET: 'mine_1' }, 'telegram')?.['webhook']).toEqual({ url: base.TELEGRAM_WEBHOOK_URL, secret: 'mine_1' });
    const derived = (settingsOf(base, 'telegram')?.['webhook'] as { secret: string }).secret;
    expect(derived).toMatch(/^[A-Za-z0-9_-]{20,256}$/u);
    expect(derived).not.toContain('abc');
    expect((settingsOf(base, 'telegram')?.['webhook'] as { secret: string }).secret).toBe(derived);
    expect(settingsOf({ TELEGRAM_BOT_TOKEN: '123:abc' }, 'telegram')?.['webhook']).toBeUndefined();
  });

  it('Telegram webhook mistakes → one sentence each', () => {
    expect(() => parseConfig({ env: { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/t' } })).toThrow(
      new ConfigError('environment: TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not: the webhook needs the bot token'),
    );
    expect(() => parseConfig({ env: { TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/' } })).toThrow(
      /TELEGRAM_WEBHOOK_URL: needs a path of its own/u,
    );
    expect(() =>
      parseConfig({ env: { TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_WEBHOOK_URL: 'https://b.example/t', TELEGRAM_WEBHOOK_SECRET: 'no spaces' } }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET: must be 1–256 characters/u);
  });

  it('Discord shards → the ids of the count; the count alone → every shard; mistakes → one sentence', () => {
    expect(settingsOf({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '0, 1', DISCORD_SHARD_COUNT: '4' }, 'discord')?.['shards']).toEqual({ ids: [0, 1], count: 4 });
    expect(settingsOf({ DISCORD_TOKEN: 't', DISCORD_SHARD_COUNT: '2' }, 'discord')?.['shards']).toEqual({ ids: [0, 1], count: 2 });
    expect(settingsOf({ DISCORD_TOKEN: 't' }, 'discord')?.['shards']).toBeUndefined();
    expect(() => parseConfig({ env: { DISCORD_TOKEN: 't', DISCORD_SHARDS: '0,1' } })).toThrow(
      new ConfigError('environment: DISCORD_SHARDS needs DISCORD_SHARD_COUNT (how many shards the bot has in all, e.g. 4)'),
    );
    expect(() => parseConfig({ env: { DISCORD_TOKEN: 't', DISCORD_SHARDS: '3,4', DISCORD_SHARD_COUNT: '4' } })).toThrow(
      new ConfigError('environment: DISCORD_SHARDS names shard 4, but shards are numbered 0 to 3 with DISCORD_SHARD_COUNT=4'),
    );
    expect(() => parseConfig({ env: { DISCORD_SHARDS: 'one' } })).toThrow(/DISCORD_SHARDS: must be shard numbers/u);
  });

  it('with replicas, a platform receives on one replica only while nothing spreads its updates: Telegram without webhook, Discord without shards', () => {
    const single = (env: Record<string, string>, id: string) => {
      const found = configuredPlatforms(parseConfig({ env })).find((p) => p.platform.id === id);
      return found?.platform.singleReceiver?.(found.settings);
    };
    expect(single({ TELEGRAM_BOT_TOKEN: '1:a' }, 'telegram')).toBe(true);
    expect(single({ TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_WEBHOOK_URL: 'https://b.example/t' }, 'telegram')).toBe(false);
    expect(single({ DISCORD_TOKEN: 't' }, 'discord')).toBe(true);
    expect(single({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '1', DISCORD_SHARD_COUNT: '2' }, 'discord')).toBe(false);
  });

  it('a source’s role → the same name from the same config on every replica, a different one per source', () => {
    const config = parseConfig({
      env: {},
      file: {
        sources: [
          { type: 'rss', url: 'https://m.example/tags/a.rss', hashtags: ['a'] },
          { type: 'x', hashtags: ['a', 'b'] },
        ],
      },
    });
    expect(config.file.sources.map(sourceRole)).toEqual(['poll rss https://m.example/tags/a.rss a', 'poll x a,b']);
  });
});
