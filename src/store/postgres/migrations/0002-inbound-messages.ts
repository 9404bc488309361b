/**
 * The inbound queue's record: what arrived, the reply, the parts sent. pg-boss holds the
 * scheduling (one job per message, keyed by conversation); this table holds the truth.
 */
export const INBOUND_MESSAGES = `CREATE TABLE inbound_messages (
       id uuid PRIMARY KEY,
       seq bigserial NOT NULL UNIQUE,
       channel text NOT NULL,
       external_id text NOT NULL,
       tracking_id text NOT NULL UNIQUE,
       conversation_id text NOT NULL,
       from_address text NOT NULL,
       to_address text NOT NULL,
       body text NOT NULL,
       payload jsonb NOT NULL,
       received_at timestamptz NOT NULL DEFAULT now(),
       status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processing', 'replied', 'failed')),
       attempts integer NOT NULL DEFAULT 0,
       next_attempt_at timestamptz NOT NULL DEFAULT now(),
       lease_owner text,
       reply text,
       reply_parts jsonb,
       reply_kind text CHECK (reply_kind IN ('answer', 'notice', 'fallback')),
       sent_part_ids jsonb NOT NULL DEFAULT '[]',
       delivery text CHECK (delivery IN ('inline', 'push')),
       error text,
       updated_at timestamptz NOT NULL DEFAULT now(),
       finished_at timestamptz,
       UNIQUE (channel, external_id)
     );
     CREATE INDEX inbound_messages_pending ON inbound_messages (conversation_id, seq)
       WHERE status IN ('received', 'processing');
     CREATE INDEX inbound_messages_by_conversation ON inbound_messages (conversation_id, seq);
     CREATE INDEX inbound_messages_by_status ON inbound_messages (status);`;
