import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordBot, DiscordStartError } from '../../../../src/platforms/discord/index.ts';
import { CORE_COMMANDS, createCommandRouter, systemClock } from '../../../../src/core/index.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../../src/store/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../../../fakes/discord/index.ts';
import { recordingLog } from '../../../support/discord.ts';

let fake: FakeDiscord;
let db: Db;

beforeEach(async () => {
  fake = await startFakeDiscord({ token: 'the-real-token' });
  fake.addGuild();
  db = openDatabase(':memory:');
});
afterEach(async () => {
  await fake.close();
  db.close();
});

function bot(token: string, guildId?: string) {
  const stores = createSqliteStores(db, systemClock);
  const router = createCommandRouter(
    { threads: stores.threads, tags: stores.tags, authors: stores.authors, keys: stores.keys, clock: systemClock },
    CORE_COMMANDS,
  );
  return createDiscordBot({ token, apiUrl: `${fake.apiUrl}/`, guildId, router, tags: stores.tags, log: recordingLog().log });
}

describe('discord bot start-up', () => {
  it('no DISCORD_GUILD_ID → the slash commands are registered globally', async () => {
    const b = bot('the-real-token');
    await b.start();
    expect(fake.commands('global').map((c) => c['name'])).toContain('threads');
    await b.stop();
  });

  it('a short heartbeat interval → the client heartbeats, gets ACKs and stays connected to answer', async () => {
    await fake.close();
    fake = await startFakeDiscord({ token: 'the-real-token', heartbeatMs: 100 });
    const guild = fake.addGuild();
    const channel = fake.addChannel({ guild_id: guild });
    const b = bot('the-real-token');
    await b.start();
    await fake.gateway.waitForOp(1, 3);
    const answer = await fake.slash('help', {}, { guildId: guild, channelId: channel }).answered();
    expect(answer.callbacks[0]?.type).toBe(4);
    expect(fake.gateway.opcodes.filter((op) => op === 2 || op === 6)).toEqual([2]); // no reconnect or resume: every beat was acknowledged
    await b.stop();
  });

  it('a wrong token → start rejects with DiscordStartError at login, without echoing the token', async () => {
    const b = bot('a-wrong-token');
    const error = await b.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DiscordStartError);
    expect((error as DiscordStartError).step).toBe('login');
    expect(String((error as Error).message)).not.toContain('a-wrong-token');
    await b.stop();
  });
});
