/** One token bucket per name, shared by every replica: a row updated atomically. */
export const MODEL_RATE_LIMIT = `CREATE TABLE model_rate_limit (
       name text PRIMARY KEY,
       tokens double precision NOT NULL,
       updated_at timestamptz NOT NULL
     );`;
