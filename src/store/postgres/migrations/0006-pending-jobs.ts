/**
 * Webhook acks store a message in one statement and leave its pg-boss job to the next claim
 * (a transactional outbox): `job_pending` marks a stored message whose job does not exist yet.
 * Rows stored before this migration already have their jobs (false). Both indexes are partial,
 * so they hold only the messages between their ack and the claim that schedules them.
 */
export const PENDING_JOBS = `ALTER TABLE inbound_messages ADD COLUMN job_pending boolean NOT NULL DEFAULT false;
     CREATE INDEX inbound_messages_job_pending ON inbound_messages (seq) WHERE job_pending;
     CREATE INDEX inbound_messages_job_pending_by_conversation ON inbound_messages (conversation_id, seq)
       WHERE job_pending;`;
