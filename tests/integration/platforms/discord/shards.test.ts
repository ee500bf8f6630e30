import { afterEach, describe, expect, it } from 'vitest';
import { CORE_COMMANDS, createCommandRouter } from '../../../../src/core/index.ts';
import { createDiscordBot, type DiscordBot } from '../../../../src/platforms/discord/index.ts';
import { createSqliteStores, openDatabase } from '../../../../src/store/index.ts';
import { guildOnShard, shardOf, startFakeDiscord } from '../../../fakes/discord/index.ts';
import { fixedClock, makeChain } from '../../../support/posts.ts';
import { recordingLog } from '../../../support/discord.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('Discord shards spread over replicas', () => {
  it('replica A runs shards 0,1 and B shards 2,3 of 4 → each guild’s interactions reach only its shard, answered once', async () => {
    const fake = await startFakeDiscord({ maxConcurrency: 16 });
    cleanups.push(() => fake.close());
    const guilds = [0, 1, 2, 3].map((shard) => fake.addGuild(`guild on shard ${shard}`, guildOnShard(shard, 4)));
    const channels = guilds.map((guild) => fake.addChannel({ guild_id: guild }));
    const clock = fixedClock();
    const db = openDatabase(':memory:');
    cleanups.push(() => db.close());
    const stores = createSqliteStores(db, clock);
    await stores.posts.ingest(makeChain('s', 2, 'a1', { text: 'shards #xinjiang' }));
    const router = createCommandRouter({ threads: stores.threads, authors: stores.authors, keys: stores.keys, tags: stores.tags, clock, pageSize: 5 }, [
      ...CORE_COMMANDS,
    ]);
    const replica = (ids: number[]): DiscordBot =>
      createDiscordBot({ token: fake.token, apiUrl: fake.apiUrl, router, tags: stores.tags, log: recordingLog().log, shards: { ids, count: 4 } });
    const a = replica([0, 1]);
    const b = replica([2, 3]);
    await Promise.all([a.start(), b.start()]);
    cleanups.push(
      () => a.stop(),
      () => b.stop(),
    );
    expect(
      fake.gateway
        .shards()
        .map((s) => s.join('/'))
        .sort(),
    ).toEqual(['0/4', '1/4', '2/4', '3/4']);

    for (const [i, guild] of guilds.entries()) {
      expect(shardOf(guild, 4)).toBe(i);
      const sent = fake.slash('threads', { hashtag: 'xinjiang' }, { guildId: guild, channelId: channels[i] as string });
      const interaction = await sent.answered();
      expect(interaction.callbacks).toHaveLength(1);
      const reached = fake.gateway.dispatched.filter((d) => d.t === 'INTERACTION_CREATE' && d.guildId === guild);
      expect(reached.map((d) => d.shard.join('/'))).toEqual([`${i}/4`]);
    }
    // READY and GUILD_CREATE too: each session heard only of the guilds of its shard.
    const created = fake.gateway.dispatched.filter((d) => d.t === 'GUILD_CREATE');
    expect(created.map((d) => `${d.guildId}@${d.shard[0]}`).sort()).toEqual(guilds.map((g, i) => `${g}@${i}`).sort());
  }, 60_000);
});
