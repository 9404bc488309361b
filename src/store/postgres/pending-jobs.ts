import type pg from 'pg';
import type { PgBoss, Db as IDatabase } from 'pg-boss';
import { z } from 'zod';
import { inTransaction } from './pool.js';

/** Jobs one transaction schedules at most. */
const ROUND_SIZE = 256;
/** Rounds one call runs at most: a claim under a steady stream of acks still gets to fetch. */
const MAX_ROUNDS = 8;

const PickedSchema = z.array(z.object({ id: z.string(), conversation_id: z.string() }));

/**
 * Messages whose job may be created now: stored by an ack, not yet scheduled, and the oldest
 * such message of their conversation, so a conversation's jobs enter pg-boss one transaction
 * after another, in the order the table received them (pg-boss orders a key's jobs by creation
 * time; jobs created by one statement share it).
 */
const ELIGIBLE = `FROM inbound_messages m
   WHERE m.job_pending AND NOT EXISTS (
     SELECT 1 FROM inbound_messages o
      WHERE o.job_pending AND o.conversation_id = m.conversation_id AND o.seq < m.seq)`;

export interface PendingJobsTarget {
  pool: pg.Pool;
  location: string;
  boss: PgBoss;
  jobName: string;
  /** Notified in each round's transaction: the new jobs wake the workers of every replica. */
  wakeChannel: string;
  /** The notification's payload: the scheduling process knows of its jobs already and may ignore it. */
  wakePayload: string;
}

/**
 * The outbox's other half: creates the pg-boss jobs of messages the webhooks stored (one
 * statement per ack, see storeAckBatch), up to ROUND_SIZE per transaction, with the rows'
 * `job_pending` cleared in the same transaction, so every stored message gets exactly one job.
 * Replicas scheduling at once take disjoint rows (SKIP LOCKED); a round that finds only rows
 * another replica holds ends the call. Returns how many jobs it created.
 */
export async function schedulePendingJobs(target: PendingJobsTarget): Promise<number> {
  let scheduled = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const probe = await target.pool.query(`SELECT 1 ${ELIGIBLE} LIMIT 1`);
    if (probe.rowCount === 0) break;
    const created = await inTransaction(
      target.pool,
      target.location,
      async (client) => {
        const picked = PickedSchema.parse(
          (
            await client.query(
              `SELECT m.id, m.conversation_id ${ELIGIBLE} ORDER BY m.seq LIMIT ${ROUND_SIZE} FOR UPDATE SKIP LOCKED`,
            )
          ).rows,
        );
        if (picked.length === 0) return 0;
        const db: IDatabase = { executeSql: (text, values) => client.query(text, values) };
        await target.boss.insert(
          target.jobName,
          picked.map((row) => ({
            id: row.id,
            data: { messageId: row.id },
            singletonKey: row.conversation_id,
          })),
          { db },
        );
        await client.query('UPDATE inbound_messages SET job_pending = false WHERE id = ANY($1::uuid[])', [
          picked.map((row) => row.id),
        ]);
        return picked.length;
      },
      { beforeCommit: `SELECT pg_notify('${target.wakeChannel}', '${target.wakePayload}')` },
    );
    if (created === 0) break;
    scheduled += created;
  }
  return scheduled;
}
