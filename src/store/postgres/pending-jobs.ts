import type pg from 'pg';
import type { PgBoss, Db as IDatabase } from 'pg-boss';
import { z } from 'zod';
import { connect, postgresError } from './pool.js';

/** The advisory lock (per schema) that makes replicas schedule one after another. */
const LOCK_NAME = ':kavak-schedule-jobs';
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
 * Replicas take turns (an advisory lock); a probe first, so a claim with nothing to schedule
 * never waits for the lock. Returns how many jobs it created.
 */
export async function schedulePendingJobs(target: PendingJobsTarget): Promise<number> {
  const probe = await target.pool.query(`SELECT 1 ${ELIGIBLE} LIMIT 1`);
  if (probe.rowCount === 0) return 0;
  const client = await connect(target.pool, target.location);
  let broken: Error | undefined;
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    // One replica schedules at a time, and its transactions begin only once it holds the lock:
    // pg-boss orders a conversation's jobs by their transaction's start, so a round that began
    // earlier must never commit a later message's job after this one (a customer's second
    // message would then run first, and wait behind the first for ever).
    await client.query(`SELECT pg_advisory_lock(hashtext(current_schema() || $1))`, [LOCK_NAME]);
    try {
      return await scheduleRounds(client, target);
    } finally {
      await client
        .query(`SELECT pg_advisory_unlock(hashtext(current_schema() || $1))`, [LOCK_NAME])
        .catch((error: unknown) => (broken = error instanceof Error ? error : new Error(String(error))));
    }
  } catch (error) {
    throw postgresError(error, target.location);
  } finally {
    client.off('error', onError);
    // A client whose unlock failed is discarded: its session's lock ends with its connection.
    client.release(broken);
  }
}

/** Rounds of up to ROUND_SIZE jobs, each its own transaction, while eligible messages remain. */
async function scheduleRounds(client: pg.PoolClient, target: PendingJobsTarget): Promise<number> {
  let scheduled = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    await client.query('BEGIN');
    try {
      const picked = PickedSchema.parse(
        (
          await client.query(
            `SELECT m.id, m.conversation_id ${ELIGIBLE} ORDER BY m.seq LIMIT ${ROUND_SIZE} FOR UPDATE SKIP LOCKED`,
          )
        ).rows,
      );
      if (picked.length === 0) {
        await client.query('COMMIT');
        break;
      }
      const db: IDatabase = { executeSql: (text, values) => client.query(text, values) };
      await target.boss.insert(
        target.jobName,
        picked.map((row) => ({ id: row.id, data: { messageId: row.id }, singletonKey: row.conversation_id })),
        { db },
      );
      await client.query('UPDATE inbound_messages SET job_pending = false WHERE id = ANY($1::uuid[])', [
        picked.map((row) => row.id),
      ]);
      await client.query(`SELECT pg_notify('${target.wakeChannel}', '${target.wakePayload}'); COMMIT`);
      scheduled += picked.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
  return scheduled;
}
