import { afterEach } from 'vitest';
import { createSqliteStores, openDatabase, type Db } from '../../../../src/store/index.ts';
import { authorContract } from './authors.contract.ts';
import { coordinationContract } from './coordination.contract.ts';
import { digestsContract } from './digests.contract.ts';
import type { ContractEngine } from './engine.ts';
import { subscriptionContract } from './subscriptions.contract.ts';
import { threadContract } from './threads.contract.ts';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** SQLite in memory: a new database per case. */
const sqlite: ContractEngine = {
  name: 'SQLite',
  async open(clock) {
    const db = openDatabase(':memory:');
    open.push(db);
    return createSqliteStores(db, clock);
  },
};

threadContract(sqlite);
subscriptionContract(sqlite);
authorContract(sqlite);
coordinationContract(sqlite);
digestsContract(sqlite);
