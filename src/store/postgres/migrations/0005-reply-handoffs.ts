/**
 * Inline replies across processes (the reply in the webhook response, with separate web and worker processes): one
 * row per message a webhook request waits for. Its state is decided by conditional UPDATEs only
 * (waiting → answered by a worker, or waiting → expired by the request), so exactly one side
 * has the reply. `listener_pid` is the waiting process's LISTEN connection: a dead web process
 * cannot take a reply. Rows are kept two days (a late retry of the message must still see that
 * it was answered inline), then swept.
 */
export const REPLY_HANDOFFS = `CREATE TABLE reply_handoffs (
       channel text NOT NULL,
       external_id text NOT NULL,
       state text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'answered', 'delivered', 'expired')),
       listener_pid integer NOT NULL,
       expires_at timestamptz NOT NULL,
       parts jsonb,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (channel, external_id)
     );
     CREATE INDEX reply_handoffs_created ON reply_handoffs (created_at);`;
