import { afterAll, beforeAll } from 'vitest';
import { createPostgresStores, openPostgresStores, type PostgresStores } from '../../../../src/store/postgres/index.ts';
import { systemClock } from '../../../../src/core/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../support/postgres.ts';
import { authorContract } from './authors.contract.ts';
import { coordinationContract } from './coordination.contract.ts';
import { digestsContract } from './digests.contract.ts';
import type { ContractEngine } from './engine.ts';
import { subscriptionContract } from './subscriptions.contract.ts';
import { threadContract } from './threads.contract.ts';

let database: TestDatabase;
let pool: PostgresStores;
beforeAll(async () => {
  database = await createTestDatabase('contract');
  pool = await openPostgresStores(database.url, systemClock);
});
afterAll(async () => {
  await pool?.close();
  await database?.drop();
});

/** PostgreSQL: one database for this file, migrated once, emptied before each case (identities restarted). */
const postgresEngine: ContractEngine = {
  name: 'PostgreSQL',
  async open(clock) {
    await pool.sql`TRUNCATE posts, threads, thread_words, tags, thread_tags, tag_pairs, source_cursors, subscriptions,
                   delivery_ledger, service_leases, chat_settings RESTART IDENTITY CASCADE`;
    return { ...createPostgresStores(pool.sql, clock), close: async () => undefined };
  },
};

threadContract(postgresEngine);
subscriptionContract(postgresEngine);
authorContract(postgresEngine);
coordinationContract(postgresEngine);
digestsContract(postgresEngine);
