/** Conversations, their messages, turn traces and leads: the conversation port's tables. */
export const CONVERSATIONS = `
CREATE TABLE conversations (
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  profile jsonb NOT NULL
);

CREATE TABLE messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('customer', 'agent')),
  text text NOT NULL,
  tracking_id text NOT NULL,
  created_at timestamptz NOT NULL
);
-- history(): a conversation's last N messages, read backwards along this index.
CREATE INDEX messages_by_conversation ON messages (conversation_id, id);

CREATE TABLE turns (
  tracking_id text PRIMARY KEY,
  -- Save order: two turns can share a created_at millisecond.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  trace jsonb NOT NULL
);
CREATE INDEX turns_by_conversation ON turns (conversation_id, created_at, seq);

CREATE TABLE leads (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  tracking_id text NOT NULL,
  created_at timestamptz NOT NULL,
  action text NOT NULL,
  name text,
  stock_id text,
  city text,
  branch text,
  preferred_time text
);
CREATE INDEX leads_by_conversation ON leads (conversation_id, id);
-- The sales team reads new leads by time.
CREATE INDEX leads_by_created_at ON leads (created_at);
`;
