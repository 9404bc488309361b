import type { Channel, ReplySender, SendFailure } from '../channels/channel.js';
import { KavakError } from '../support/errors.js';
import { StoreUnavailableError } from '../store/store-errors.js';
import type { Logger } from '../support/logger.js';
import type { Pipeline } from '../core/pipeline.js';
import { maskPhone } from '../support/redact.js';
import { abortScope } from '../runtime/abort-scope.js';
import { ModelCallError } from '../runtime/errors.js';
import {
  LeaseLostError,
  type Delivery,
  type InboundMessage,
  type InboundQueue,
  type Lease,
  type ReplyKind,
} from '../core/ports/inbound-queue.js';
import { classifyInbound, FALLBACK_REPLY } from './inbound-message.js';
import type { ServeStores } from '../app/serve-stores.js';
import type { ServeMetrics } from './metrics.js';
import { ShutdownSignal, type MessageHandler } from './queue.js';
import type { ReplyHandoff } from '../core/ports/reply-handoff.js';

export interface WorkerSettings {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  turnTimeoutMs: number;
  /** A reply the provider refuses for a passing reason is retried this long after the message arrived, past maxAttempts. */
  sendRetryWindowMs: number;
}

export interface WorkerDeps {
  queue: InboundQueue;
  channel: Channel;
  /** The reply a turn already saved to conversation memory (a crash after the turn, before the send). */
  turns: ServeStores['turns'];
  pipeline: Pick<Pipeline, 'runTurn'>;
  /** Absent without the channel's credentials: then only inline webhook replies can go out. */
  sender: ReplySender | undefined;
  /** Hands a ready reply to the webhook request waiting for it (twiml mode), wherever it waits. */
  waiters: Pick<ReplyHandoff, 'offer'>;
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

/** Claimed more times than --max-attempts without settling (each worker died on it). */
class AttemptsExhaustedError extends Error {}

/** One claimed message being worked on: `sent` counts the parts out so far. */
interface Job {
  record: InboundMessage;
  lease: Lease;
  sent: number;
}

/**
 * Answers one message: a fixed notice for what it cannot read, the pipeline otherwise; saves
 * the reply before sending it; sends it inline when the webhook still waits, else by the channel's API, part
 * by part, recording each sid (a restart resumes where it stopped). Failures are retried with
 * backoff; a message that keeps failing gets the fallback reply and is marked failed.
 */
export function createWorker(deps: WorkerDeps): MessageHandler {
  const random = deps.random ?? Math.random;

  return async function handle({ message: record, lease }, signal) {
    const log = deps.logger.child({
      trackingId: record.trackingId,
      conversationId: record.conversationId,
      customer: maskPhone(record.from),
      attempt: record.attempts,
    });
    const job: Job = { record, lease, sent: record.sentPartIds.length };
    let reply: Reply | undefined;
    try {
      // Claims that never settled (the worker died each time) count too: no endless crash loop.
      if (!record.reply && record.attempts > deps.settings.maxAttempts)
        throw new AttemptsExhaustedError(`The message was interrupted ${record.attempts - 1} times.`);
      reply = record.reply
        ? { parts: record.reply.parts, kind: record.reply.kind }
        : await produceReply(job, signal, log);
      // A reply saved by an earlier attempt may have been sent with the channel's answer lost.
      const delivery = await deliver(job, reply, signal, { checkFirst: record.reply !== null, log });
      await settle(job, delivery, reply.kind, log);
    } catch (error) {
      if (LeaseLostError.is(error) || (signal.aborted && LeaseLostError.is(signal.reason))) {
        log.warn('message_abandoned', { reason: 'lease lost; another worker has it' });
        return;
      }
      if (signal.aborted && signal.reason instanceof ShutdownSignal) {
        await deps.queue.release(lease);
        log.info('message_requeued', { reason: 'shutdown' });
        return;
      }
      await handleFailure(job, error, reply !== undefined, signal, log);
    }
  };

  async function produceReply(job: Job, signal: AbortSignal, log: Logger): Promise<Reply> {
    const { record } = job;
    const content = classifyInbound(record.body, deps.channel.contentOf(record.payload));
    if (content.kind === 'notice') {
      log.info('message_notice', { reason: content.reason });
      return save(job, { text: content.reply, parts: [content.reply], kind: 'notice' });
    }
    // A crash after the turn was saved but before the reply was: reuse it, do not ask again.
    const saved = await deps.turns.turnReply(record.trackingId);
    if (saved) {
      log.warn('turn_recovered', { parts: saved.messages.length });
      return save(job, { text: saved.reply, parts: saved.messages, kind: 'answer' });
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
    return save(job, { text: result.reply, parts: result.messages, kind: 'answer' });
  }

  async function save(
    job: Job,
    reply: { text: string; parts: string[]; kind: ReplyKind; error?: string },
  ): Promise<Reply> {
    await deps.queue.saveReply(job.lease, reply);
    return { parts: reply.parts, kind: reply.kind };
  }

  async function deliver(
    job: Job,
    reply: Reply,
    signal: AbortSignal,
    options: { checkFirst: boolean; log: Logger },
  ): Promise<Delivery> {
    const { record, sent } = job;
    // Only a reply none of which went out can go inline; the handoff decides whether one does.
    if (sent === 0 && (await deps.waiters.offer(record, reply.parts))) return 'inline';
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
      const message = { from: record.to, to: record.from, body };
      let sid: string;
      try {
        const accepted = check ? await findAccepted(sender, record, message, signal) : undefined;
        if (accepted) options.log.warn('reply_already_accepted', { part: sent + index + 1 });
        sid = accepted ?? (await sender.send(message, signal));
      } catch (error) {
        throw new DeliveryError(deps.channel.describeSendFailure(error));
      }
      check = false;
      await deps.queue.recordSentPart(job.lease, sid);
      job.sent += 1;
    }
    return 'push';
  }

  /** Asks the provider whether it already took this part (the answer to an earlier send was lost). */
  async function findAccepted(
    sender: ReplySender,
    record: InboundMessage,
    message: { from: string; to: string; body: string },
    signal: AbortSignal,
  ): Promise<string | undefined> {
    if (!sender.findAccepted) return undefined;
    const excluding = new Set(await deps.queue.sentPartIdsOfConversation(record.conversationId));
    return sender.findAccepted({ ...message, since: new Date(record.receivedAt), excluding }, signal);
  }

  async function settle(job: Job, delivery: Delivery, kind: ReplyKind, log: Logger): Promise<void> {
    const { record } = job;
    await deps.queue.finish(job.lease, delivery);
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
    job: Job,
    error: unknown,
    replyReady: boolean,
    signal: AbortSignal,
    log: Logger,
  ): Promise<void> {
    const { record } = job;
    const { kind, reason, retryable } = describeFailure(error);
    deps.metrics.error(kind);
    if (retryable && (record.attempts < deps.settings.maxAttempts || mayKeepSending(record, error))) {
      await retryLater(job, kind, reason, log);
      return;
    }
    if (replyReady) {
      // The provider will not take the reply (or the fallback); there is no one else to tell.
      await deps.queue.fail(job.lease, reason);
      deps.metrics.finished('failed', (Date.now() - Date.parse(record.receivedAt)) / 1000);
      log.error('message_failed', { kind, error: reason });
      return;
    }
    log.error('turn_failed', { kind, error: reason, attempts: record.attempts });
    const fallback = await save(job, {
      text: FALLBACK_REPLY,
      parts: [FALLBACK_REPLY],
      kind: 'fallback',
      error: reason,
    });
    try {
      await settle(job, await deliver(job, fallback, signal, { checkFirst: false, log }), 'fallback', log);
    } catch (sendError) {
      if (LeaseLostError.is(sendError)) throw sendError;
      if (signal.aborted && signal.reason instanceof ShutdownSignal) return deps.queue.release(job.lease);
      const failure = describeFailure(sendError);
      deps.metrics.error(failure.kind);
      // The fallback is saved: a later attempt sends it without asking the model again.
      if (failure.retryable && mayKeepSending(record, sendError))
        return retryLater(job, failure.kind, failure.reason, log);
      await deps.queue.fail(
        job.lease,
        `${reason}; the fallback reply could not be sent either: ${failure.reason}`,
      );
      deps.metrics.finished('failed', (Date.now() - Date.parse(record.receivedAt)) / 1000);
      log.error('message_failed', { kind: failure.kind, error: failure.reason });
    }
  }

  async function retryLater(job: Job, kind: string, reason: string, log: Logger): Promise<void> {
    const delayMs = backoff(job.record.attempts);
    await deps.queue.retry(job.lease, reason, new Date(Date.now() + delayMs));
    log.warn('message_retry', { kind, error: reason, retryInMs: delayMs });
  }

  /** The provider refusing a ready reply for a passing reason (a credential outage) gets a time budget, not an attempt count. */
  function mayKeepSending(record: InboundMessage, error: unknown): boolean {
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
  if (error instanceof AttemptsExhaustedError)
    return { kind: 'attempts_exhausted', reason: error.message, retryable: false };
  // The database locked, restarting or away: passing (and not the model's fault).
  if (error instanceof StoreUnavailableError)
    return { kind: 'store_unavailable', reason: error.message, retryable: true };
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
