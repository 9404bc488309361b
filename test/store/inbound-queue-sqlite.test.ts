import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/store/sqlite/database.js';
import { SqliteInboundQueue } from '../../src/store/sqlite/inbound-queue.js';
import { inboundQueueContract } from './inbound-queue.contract.js';

// Each replica opens the file on its own connection, as a second process would.
inboundQueueContract('SQLite (one file, separate connections)', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'kavak-queue-')), 'kavak.db');
  const connections: Db[] = [];
  const leaseMs = 300;
  return Promise.resolve({
    leaseMs,
    expirySlackMs: 200,
    retryDelayMs: 150,
    replicas(count) {
      return Promise.resolve(
        Array.from({ length: count }, () => {
          const db = openDatabase(path);
          connections.push(db);
          return new SqliteInboundQueue(db, { leaseMs });
        }),
      );
    },
    close() {
      for (const db of connections) db.close();
      return Promise.resolve();
    },
  });
});
