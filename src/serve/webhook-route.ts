import { randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../support/logger.js';
import type { InboundQueue } from '../core/ports/inbound-queue.js';
import { maskPhone } from '../support/redact.js';
import { WebhookFieldsSchema, type Channel, type SignaturePolicy } from '../channels/channel.js';
import { StoreUnavailableError } from '../store/store-errors.js';
import { throttledWarning } from './log-throttle.js';
import type { ServeMetrics } from './metrics.js';
import type { ReplyHandoff } from '../core/ports/reply-handoff.js';
import type { ReplyMode } from './settings.js';
import { signedUrl } from './signed-url.js';

export const TRACKING_HEADER = 'X-Kavak-Tracking-Id';

export interface WebhookDeps {
  queue: Pick<InboundQueue, 'enqueue'>;
  channel: Channel;
  /** Told when a message was stored (the queue itself wakes its workers). */
  onStored: () => void;
  /** Where a twiml-mode request waits for its reply (this process, or any worker on PostgreSQL). */
  waiters: Pick<ReplyHandoff, 'expect'>;
  metrics: ServeMetrics;
  logger: Logger;
  signature: SignaturePolicy;
  reply: ReplyMode;
  twimlDeadlineMs: number;
}

/**
 * POST to the channel's webhook path: check the signature, store the message (once per
 * external id), and acknowledge at once with an empty inline reply — or, in twiml mode, with the
 * reply when it is ready before the deadline. The work itself happens in the queue.
 */
export function webhookHandler(deps: WebhookDeps): RequestHandler {
  // Anyone can send these; the metrics count every one, the log only a line a minute.
  const forbiddenWarning = throttledWarning(deps.logger, 'webhook_forbidden');
  const invalidWarning = throttledWarning(deps.logger, 'webhook_invalid');
  const unavailableWarning = throttledWarning(deps.logger, 'webhook_store_unavailable');
  const { channel } = deps;
  // Most acks carry no inline reply: rendered once, not per request.
  const emptyReply = channel.renderWebhookReply([]);
  return async (req, res) => {
    const fields = WebhookFieldsSchema.safeParse(req.body ?? {});
    if (!fields.success)
      return reject(
        res,
        400,
        'invalid',
        `The body must be the ${channel.name} webhook's ${channel.bodyFormat} fields.`,
      );

    if (deps.signature.kind === 'insecure') {
      deps.logger.warn('insecure_no_signature', {
        note: `request accepted without checking ${channel.signatureHeader}`,
      });
    } else {
      const signature = req.get(channel.signatureHeader);
      const request = { url: signedUrl(req, deps.signature.publicUrl), signature, fields: fields.data };
      if (!channel.verifySignature(request, deps.signature)) {
        forbiddenWarning.warn({ reason: signature ? 'bad signature' : 'no signature', ip: req.ip });
        return reject(res, 403, 'forbidden', `Invalid or missing ${channel.signatureHeader}.`);
      }
    }

    const parsed = channel.parseInbound(fields.data);
    if (!parsed.ok) {
      invalidWarning.warn({ problem: parsed.problem });
      return reject(res, 400, 'invalid', parsed.problem);
    }
    const message = parsed.message;
    // In twiml mode the wait starts before the message is stored: a worker answering at once finds it.
    const pending =
      deps.reply === 'twiml'
        ? await deps.waiters.expect(
            { channel: channel.name, externalId: message.externalId },
            deps.twimlDeadlineMs,
          )
        : undefined;
    let stored: Awaited<ReturnType<WebhookDeps['queue']['enqueue']>>;
    try {
      // A database that fails here throws: the request answers 500 and the channel retries, nothing is lost.
      stored = await deps.queue.enqueue({
        channel: channel.name,
        externalId: message.externalId,
        trackingId: newTrackingId(),
        conversationId: message.conversationId,
        from: message.from,
        to: message.to,
        body: message.body,
        payload: message.payload,
      });
    } catch (error) {
      pending?.cancel();
      // Any other failure throws on: a 500. Either way nothing was stored nor acknowledged, and the
      // channel sends the message again.
      if (!(error instanceof StoreUnavailableError)) throw error;
      // Locked or down: said at once (the store gives up within its ack timeout), so the retry comes soon.
      deps.metrics.webhook('unavailable');
      unavailableWarning.warn({ error: error.message });
      res.status(503).set('Retry-After', '1').type('text/plain');
      res.send(
        'The message could not be stored right now (the database is busy or unreachable); send it again.',
      );
      return;
    }
    const { inserted, message: record } = stored;
    res.set(TRACKING_HEADER, record.trackingId);
    const log = deps.logger.child({ trackingId: record.trackingId, conversationId: record.conversationId });

    if (!inserted) {
      pending?.cancel();
      deps.metrics.webhook('duplicate');
      log.info('webhook_duplicate', { status: record.status });
      return sendReply(res, []);
    }
    deps.metrics.webhook('accepted');
    log.info('message_received', {
      customer: maskPhone(message.from),
      chars: message.body.length,
      media: message.mediaCount,
    });

    if (!pending) {
      if (deps.reply === 'twiml')
        log.info('twiml_not_waiting', { reason: 'no inline reply can reach this request' });
      sendReply(res, []);
      // After the ack is written: the first steps of a turn run synchronously.
      setImmediate(deps.onStored);
      return;
    }
    res.on('close', () => pending.cancel());
    setImmediate(deps.onStored);
    const messages = await pending.reply;
    if (!messages) log.info('twiml_deadline_passed', { deadlineMs: deps.twimlDeadlineMs });
    sendReply(res, messages ?? []);
  };

  function sendReply(res: Response, messages: string[]): void {
    if (res.headersSent || res.writableEnded) return;
    const reply = messages.length === 0 ? emptyReply : channel.renderWebhookReply(messages);
    res.status(200).type(reply.contentType).send(reply.body);
  }

  function reject(res: Response, status: number, outcome: 'invalid' | 'forbidden', text: string): void {
    deps.metrics.webhook(outcome);
    res.status(status).type('text/plain').send(text);
  }
}

/**
 * base64url, not hex: 16 hex characters hold a run of 10 digits often enough (~4%) for the log
 * redactor to mask it as a phone number, and a tracking id must stay greppable.
 */
function newTrackingId(): string {
  return `t_${randomBytes(12).toString('base64url')}`;
}
