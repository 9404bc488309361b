import type pg from 'pg';
import { z } from 'zod';
import { InboundStatusSchema, type StatusCounts } from '../../core/ports/inbound-queue.js';

/** The planner's row count and the status column's most common values (see countsByStatus). */
const StatusStatsSchema = z.object({
  rows: z.number(),
  vals: z.string().nullable(),
  freqs: z.array(z.coerce.number()).nullable(),
});
/** Below this many rows (or before the first ANALYZE) counting every status is cheap enough. */
const COUNT_FINISHED_BELOW = 50_000;

/**
 * Messages by status, for /metrics. With `estimateFinished`, past a size the finished ones come
 * from the planner's statistics, so a scrape never scans the whole table.
 */
export async function countInboundStatuses(
  pool: pg.Pool,
  options: { estimateFinished?: boolean } = {},
): Promise<StatusCounts> {
  if (!options.estimateFinished) return countStatuses(pool, '');
  // Finished messages only grow: past a size, the planner's statistics say how many (ANALYZE keeps them fresh).
  const stats = StatusStatsSchema.parse(
    (
      await pool.query(
        `SELECT c.reltuples::float8 AS rows, s.most_common_vals::text AS vals, s.most_common_freqs::float8[] AS freqs
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = 'status'
            WHERE c.oid = to_regclass('inbound_messages')`,
      )
    ).rows[0] ?? { rows: -1, vals: null, freqs: null },
  );
  if (stats.rows < COUNT_FINISHED_BELOW || stats.vals === null || stats.freqs === null)
    return countStatuses(pool, '');
  // Waiting and in-flight messages are few (the partial index holds only them): counted exactly.
  const counts = await countStatuses(pool, `WHERE status IN ('received', 'processing')`);
  const values = stats.vals.replace(/^\{|\}$/g, '').split(',');
  for (const status of ['replied', 'failed'] as const) {
    const frequency = stats.freqs[values.indexOf(status)] ?? 0;
    counts[status] = Math.round(frequency * stats.rows);
  }
  return counts;
}

async function countStatuses(pool: pg.Pool, where: string): Promise<StatusCounts> {
  const counts: StatusCounts = { received: 0, processing: 0, replied: 0, failed: 0 };
  const result = await pool.query(
    `SELECT status, count(*)::int AS n FROM inbound_messages ${where} GROUP BY status`,
  );
  for (const row of z.array(z.object({ status: InboundStatusSchema, n: z.number() })).parse(result.rows))
    counts[row.status] = row.n;
  return counts;
}
