import type { Channel, ReplySender, SendFailure } from '../channels/channel.js';
import { KavakError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Pipeline } from '../core/pipeline.js';
import { maskPhone } from '../core/redact.js';
import { abortScope } from '../runtime/abort-scope.js';
import { ModelCallError } from '../runtime/errors.js';
import type { Delivery, InboundRecord, MessageStore, ReplyKind } from '../store/message-store.js';
import { classifyInbound, FALLBACK_REPLY } from './inbound-message.js';
import type { ServeMetrics } from './metrics.js';
import { ShutdownSignal, type MessageHandler } from './queue.js';
import type { ReplyWaiters } from './reply-waiters.js';

export interface WorkerSettings {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  turnTimeoutMs: number;
  /** A reply the provider refuses for a passing reason is retried this long after the message arrived, past maxAttempts. */
  sendRetryWindowMs: number;
}

export interface WorkerDeps {
  store: MessageStore;
  channel: Channel;
  pipeline: Pick<Pipeline, 'runTurn'>;
  /** Absent without the channel's credentials: then only inline webhook replies can go out. */
  sender: ReplySender | undefined;
  waiters: ReplyWaiters;
  metrics: ServeMetrics;
  logger: Logger;
  settings: WorkerSettings;
  random?: () => number;
}

interface Reply {
  parts: string[];
  kind: ReplyKind;
}

/** The reply could not be sent; `failure` says whether trying again can help. */
class DeliveryError extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure.reason);
  }
}

/** The turn took longer than the turn timeout. */
class TurnTimeoutError extends Error {}

/**
 * Answers one message: a fixed notice for what it cannot read, the pipeline otherwise; saves
 * the reply before sending it; sends it inline when the webhook still waits, else by the
 * channel's API, part by part, recording each sid (a restart resumes where it stopped).
 * Failures are retried with backoff; a message that keeps failing gets the fallback reply and is marked failed.
 */
export function createWorker(deps: WorkerDeps): MessageHandler {
  const random = deps.random ?? Math.random;

  return async function handle(record, signal) {
    const log = deps.logger.child({
      trackingId: record.trackingId,
      conversationId: record.conversationId,
      customer: maskPhone(record.customer),
      attempt: record.attempts,
    });
    let reply: Reply | undefined;
    try {
      reply =
        record.replyParts && record.replyKind
          ? { parts: record.replyParts, kind: record.replyKind }
          : await produceReply(record, signal, log);
      // A reply saved by an earlier attempt may have been sent with the provider's answer lost.
      const delivery = await deliver(record, reply, signal, {
        checkFirst: record.replyParts !== null,
        log,
      });
      settle(record, delivery, reply.kind, log);
    } catch (error) {
      if (signal.aborted && signal.reason instanceof ShutdownSignal) {
        deps.store.release(record.messageSid);
        log.info('message_requeued', { reason: 'shutdown' });
        return;
      }
      await handleFailure(record, error, reply !== undefined, signal, log);
    }
  };

  async function produceReply(record: InboundRecord, signal: AbortSignal, log: Logger): Promise<Reply> {
    const content = classifyInbound(record.body, deps.channel.contentOf(record.raw));
    if (content.kind === 'notice') {
      log.info('message_notice', { reason: content.reason });
      return save(record, { text: content.reply, parts: [content.reply], kind: 'notice' });
    }
    // A crash after the turn was saved but before the reply was: reuse it, do not ask again.
    const saved = deps.store.savedTurnReply(record.trackingId);
    if (saved) {
      log.warn('turn_recovered', { parts: saved.messages.length });
      return save(record, { text: saved.reply, parts: saved.messages, kind: 'answer' });
    }
    // One signal per turn, linked to the shutdown signal and detached afterwards (see abortScope).
    const turnScope = abortScope(signal, { timeoutMs: deps.settings.turnTimeoutMs });
    const turnSignal = turnScope.signal;
    const result = await untilAborted(
      deps.pipeline.runTurn({
        message: content.text,
        conversationId: record.conversationId,
        trackingId: record.trackingId,
        signal: turnSignal,
      }),
      turnSignal,
    )
      .catch((error: unknown) => {
        // However the runtime reports our abort (the openai one says "cancelled"), it was the turn timeout.
        if (turnSignal.aborted && !signal.aborted) {
          throw new TurnTimeoutError(`The turn did not finish within ${deps.settings.turnTimeoutMs} ms.`);
        }
        throw error;
      })
      .finally(() => turnScope.dispose());
    deps.metrics.turn(result.trace.latencyMs / 1000, result.trace.totals);
    log.info('turn_done', {
      latencyMs: result.trace.latencyMs,
      parts: result.messages.length,
      costUsd: result.trace.totals.costUsd,
    });
    return save(record, { text: result.reply, parts: result.messages, kind: 'answer' });
  }

  function save(
    record: InboundRecord,
    reply: { text: string; parts: string[]; kind: ReplyKind; error?: string },
  ): Reply {
    deps.store.saveReply(record.messageSid, reply);
    return { parts: reply.parts, kind: reply.kind };
  }

  async function deliver(
    record: InboundRecord,
    reply: Reply,
    signal: AbortSignal,
    options: { checkFirst: boolean; log: Logger },
  ): Promise<Delivery> {
    const sent = deps.store.get(record.messageSid)?.replySids.length ?? record.replySids.length;
    const waiter = sent === 0 ? deps.waiters.take(record.messageSid) : undefined;
    if (waiter) {
      waiter(reply.parts);
      return 'twiml';
    }
    const sender = deps.sender;
    if (!sender) {
      throw new DeliveryError({
        retryable: false,
        kind: 'no_credentials',
        reason: `The reply missed the inline reply deadline and there are no ${deps.channel.name} credentials to send it (${deps.channel.credentialsHint}).`,
      });
    }
    // Parts go out one by one, so only the first unsent one can have been in flight.
    let check = options.checkFirst;
    for (const [index, body] of reply.parts.slice(sent).entries()) {
      if (signal.aborted) throw signal.reason;
      const message = { from: record.to, to: record.customer, body };
      let sid: string;
      try {
        const accepted = check ? await findAccepted(sender, record, message, signal) : undefined;
        if (accepted) options.log.warn('reply_already_accepted', { part: sent + index + 1 });
        sid = accepted ?? (await sender.send(message, signal));
      } catch (error) {
        throw new DeliveryError(deps.channel.describeSendFailure(error));
      }
      check = false;
      deps.store.addReplySid(record.messageSid, sid);
    }
    return 'rest';
  }

  /** Asks the provider whether it already took this part (the answer to an earlier send was lost). */
  function findAccepted(
    sender: ReplySender,
    record: InboundRecord,
    message: { from: string; to: string; body: string },
    signal: AbortSignal,
  ): Promise<string | undefined> {
    if (!sender.findAccepted) return Promise.resolve(undefined);
    const excluding = new Set(deps.store.replySidsOfConversation(record.conversationId));
    return sender.findAccepted({ ...message, since: new Date(record.receivedAt), excluding }, signal);
  }

  function settle(record: InboundRecord, delivery: Delivery, kind: ReplyKind, log: Logger): void {
    deps.store.finish(record.messageSid, delivery);
    const status = kind === 'fallback' ? 'failed' : 'replied';
    const seconds = (Date.now() - Date.parse(record.receivedAt)) / 1000;
    deps.metrics.finished(status, seconds);
    log.info(kind === 'fallback' ? 'fallback_sent' : 'reply_sent', {
      delivery,
      kind,
      latencyMs: Math.round(seconds * 1000),
    });
  }

  async function handleFailure(
    record: InboundRecord,
    error: unknown,
    replyReady: boolean,
    signal: AbortSignal,
    log: Logger,
  ): Promise<void> {
    const { kind, reason, retryable } = describeFailure(error);
    deps.metrics.error(kind);
    if (retryable && (record.attempts < deps.settings.maxAttempts || mayKeepSending(record, error))) {
      retryLater(record, kind, reason, log);
      return;
    }
    if (replyReady) {
      // Twilio will not take the reply (or the fallback); there is no one else to tell.
      deps.store.fail(record.messageSid, reason);
      deps.metrics.finished('failed', (Date.now() - Date.parse(record.receivedAt)) / 1000);
      log.error('message_failed', { kind, error: reason });
      return;
    }
    log.error('turn_failed', { kind, error: reason, attempts: record.attempts });
    const fallback = save(record, {
      text: FALLBACK_REPLY,
      parts: [FALLBACK_REPLY],
      kind: 'fallback',
      error: reason,
    });
    try {
      settle(record, await deliver(record, fallback, signal, { checkFirst: false, log }), 'fallback', log);
    } catch (sendError) {
      if (signal.aborted && signal.reason instanceof ShutdownSignal)
        return deps.store.release(record.messageSid);
      const failure = describeFailure(sendError);
      deps.metrics.error(failure.kind);
      // The fallback is saved: a later attempt sends it without asking the model again.
      if (failure.retryable && mayKeepSending(record, sendError))
        return retryLater(record, failure.kind, failure.reason, log);
      deps.store.fail(
        record.messageSid,
        `${reason}; the fallback reply could not be sent either: ${failure.reason}`,
      );
      deps.metrics.finished('failed', (Date.now() - Date.parse(record.receivedAt)) / 1000);
      log.error('message_failed', { kind: failure.kind, error: failure.reason });
    }
  }

  function retryLater(record: InboundRecord, kind: string, reason: string, log: Logger): void {
    const delayMs = backoff(record.attempts);
    deps.store.retryAt(record.messageSid, reason, new Date(Date.now() + delayMs));
    log.warn('message_retry', { kind, error: reason, retryInMs: delayMs });
  }

  /** The provider refusing a ready reply for a passing reason (a credential outage) gets a time budget, not an attempt count. */
  function mayKeepSending(record: InboundRecord, error: unknown): boolean {
    return (
      error instanceof DeliveryError &&
      Date.now() - Date.parse(record.receivedAt) < deps.settings.sendRetryWindowMs
    );
  }

  /** Exponential backoff with ±20% jitter, so retries of many customers do not arrive together. */
  function backoff(attempt: number): number {
    const base = Math.min(deps.settings.retryMaxMs, deps.settings.retryBaseMs * 2 ** (attempt - 1));
    return Math.round(base * (0.8 + 0.4 * random()));
  }
}

function describeFailure(error: unknown): { kind: string; reason: string; retryable: boolean } {
  if (error instanceof DeliveryError)
    return { kind: error.failure.kind, reason: error.failure.reason, retryable: error.failure.retryable };
  if (ModelCallError.is(error))
    return { kind: `model_${error.kind}`, reason: error.message, retryable: error.isRetryable };
  if (error instanceof TurnTimeoutError)
    return { kind: 'turn_timeout', reason: error.message, retryable: true };
  // Our own errors (input, replay miss, unsupported task) say what is wrong; a retry cannot fix them.
  if (KavakError.is(error)) return { kind: 'kavak', reason: error.message, retryable: false };
  // Anything else may be passing (a busy database); retrying is cheap and bounded.
  return {
    kind: 'internal',
    reason: error instanceof Error ? error.message : String(error),
    retryable: true,
  };
}

/**
 * Resolves with the turn, or rejects as soon as the signal aborts (a runtime that ignores the
 * signal must not hold a worker slot forever).
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
