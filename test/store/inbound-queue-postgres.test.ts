import { PostgresInboundQueue } from '../../src/store/postgres/inbound-queue.js';
import { describeWithPostgres, freshSchema } from '../support/pg-url.js';
import { inboundQueueContract } from './inbound-queue.contract.js';

// Replicas are separate adapters, each with its own pool and pg-boss instance, on one database.
describeWithPostgres('inbound queue on PostgreSQL (pg-boss)', (url) => {
  inboundQueueContract('PostgreSQL + pg-boss (separate pg-boss instances)', async () => {
    const schema = await freshSchema(url);
    // pg-boss's shortest heartbeat; its monitor looks every second here.
    const leaseMs = 10_000;
    return {
      leaseMs,
      expirySlackMs: 5_000,
      retryDelayMs: 1_500,
      async replicas(count) {
        const replicas: PostgresInboundQueue[] = [];
        // One after another: the first creates the tables and pg-boss's schema.
        for (let i = 0; i < count; i++)
          replicas.push(
            await PostgresInboundQueue.open({
              connectionString: schema.url,
              bossSchema: `${schema.schema}_boss`,
              leaseMs,
              monitorIntervalSeconds: 1,
            }),
          );
        return replicas;
      },
      close: () => schema.drop(),
    };
  });
});
