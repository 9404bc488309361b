import { randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../core/logger.js';
import { maskPhone } from '../core/redact.js';
import type { InboundQueue } from '../core/ports/inbound-queue.js';
import { throttledWarning } from './log-throttle.js';
import { conversationIdFor, FormFieldsSchema, InboundMessageSchema } from './inbound-message.js';
import type { ServeMetrics } from './metrics.js';
import type { ReplyMode } from './settings.js';
import { hasValidSignature, type SignaturePolicy } from './twilio-signature.js';
import { twimlResponse, type TwimlWaiters } from './twiml.js';

export const WEBHOOK_PATH = '/twilio/whatsapp';
/** The channel name WhatsApp messages are queued under. */
export const WHATSAPP_CHANNEL = 'whatsapp';
export const TRACKING_HEADER = 'X-Kavak-Tracking-Id';

export interface WebhookDeps {
  queue: Pick<InboundQueue, 'enqueue'>;
  /** Told when a message was stored (the queue itself wakes its workers). */
  onStored: () => void;
  waiters: TwimlWaiters;
  metrics: ServeMetrics;
  logger: Logger;
  signature: SignaturePolicy;
  reply: ReplyMode;
  twimlDeadlineMs: number;
}

/**
 * POST /twilio/whatsapp: check the signature, store the message (once per MessageSid), and
 * acknowledge at once with empty TwiML — or, in twiml mode, with the reply when it is ready
 * before the deadline. The work itself happens in the queue.
 */
export function webhookHandler(deps: WebhookDeps): RequestHandler {
  // Anyone can send these; the metrics count every one, the log only a line a minute.
  const forbiddenWarning = throttledWarning(deps.logger, 'webhook_forbidden');
  const invalidWarning = throttledWarning(deps.logger, 'webhook_invalid');
  return async (req, res) => {
    const fields = FormFieldsSchema.safeParse(req.body ?? {});
    if (!fields.success)
      return reject(res, 400, 'invalid', 'The body must be Twilio’s form-encoded webhook fields.');

    if (deps.signature.kind === 'insecure') {
      deps.logger.warn('insecure_no_signature', {
        note: 'request accepted without checking X-Twilio-Signature',
      });
    } else if (!hasValidSignature(req, fields.data, deps.signature)) {
      forbiddenWarning.warn({
        reason: req.get('x-twilio-signature') ? 'bad signature' : 'no signature',
        ip: req.ip,
      });
      return reject(res, 403, 'forbidden', 'Invalid or missing X-Twilio-Signature.');
    }

    const parsed = InboundMessageSchema.safeParse(fields.data);
    if (!parsed.success) {
      const fieldsWrong = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
      invalidWarning.warn({ fields: fieldsWrong });
      return reject(res, 400, 'invalid', `Missing or bad Twilio fields: ${fieldsWrong}.`);
    }
    const message = parsed.data;
    // A database that fails here throws: the request answers 500 and Twilio retries, nothing is lost.
    const { inserted, message: record } = await deps.queue.enqueue({
      channel: WHATSAPP_CHANNEL,
      externalId: message.MessageSid,
      trackingId: newTrackingId(),
      conversationId: conversationIdFor(message),
      from: message.From,
      to: message.To,
      body: message.Body,
      payload: fields.data,
    });
    res.set(TRACKING_HEADER, record.trackingId);
    const log = deps.logger.child({ trackingId: record.trackingId, conversationId: record.conversationId });

    if (!inserted) {
      deps.metrics.webhook('duplicate');
      log.info('webhook_duplicate', { status: record.status });
      return sendTwiml(res, []);
    }
    deps.metrics.webhook('accepted');
    log.info('message_received', {
      customer: maskPhone(message.From),
      chars: message.Body.length,
      media: message.NumMedia,
    });

    if (deps.reply === 'rest') {
      sendTwiml(res, []);
      // After the ack is written: the first steps of a turn run synchronously.
      setImmediate(deps.onStored);
      return;
    }
    const reply = deps.waiters.wait(record.id, deps.twimlDeadlineMs);
    res.on('close', () => deps.waiters.cancel(record.id));
    setImmediate(deps.onStored);
    const messages = await reply;
    if (!messages) log.info('twiml_deadline_passed', { deadlineMs: deps.twimlDeadlineMs });
    sendTwiml(res, messages ?? []);
  };

  function reject(res: Response, status: number, outcome: 'invalid' | 'forbidden', text: string): void {
    deps.metrics.webhook(outcome);
    res.status(status).type('text/plain').send(text);
  }
}

function sendTwiml(res: Response, messages: string[]): void {
  if (res.headersSent || res.writableEnded) return;
  res.status(200).type('text/xml').send(twimlResponse(messages));
}

/**
 * base64url, not hex: 16 hex characters hold a run of 10 digits often enough (~4%) for the log
 * redactor to mask it as a phone number, and a tracking id must stay greppable.
 */
function newTrackingId(): string {
  return `t_${randomBytes(12).toString('base64url')}`;
}
