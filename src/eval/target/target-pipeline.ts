import { randomBytes, randomInt } from 'node:crypto';
import { postTwilioWebhook, twilioWebhookForm } from '../../channels/whatsapp/twilio-request.js';
import { emptyProfile } from '../../core/profile.js';
import type { Pipeline, TurnResult } from '../../core/pipeline.js';
import { redact } from '../../support/redact.js';
import { UserInputError } from '../../support/errors.js';
import type { CaptureServer } from './capture-server.js';

export interface TargetSettings {
  /** The deployed webhook, e.g. https://bot.example.com/twilio/whatsapp. */
  url: string;
  authToken: string;
  /** The URL the server checks signatures against, when it differs (its --public-url). */
  signedUrl?: string;
  accountSid?: string;
  /** REST reply mode: where replies are read; absent, only TwiML replies can be read. */
  capture?: CaptureServer;
  /** Longest wait for one reply (the webhook's answer, then the REST messages). */
  turnTimeoutMs: number;
  /** After a REST message, how long without another before the reply counts as complete. */
  settleMs: number;
}

/** A deployment problem that makes every case fail alike: the run stops and says it (exit 2). */
export class TargetError extends UserInputError {}

/**
 * The pipeline port, played by a deployed `kavak serve`: each turn is a signed Twilio webhook
 * request from the case's own synthetic customer number, and the reply is read from the TwiML
 * answer or, in REST reply mode, from the capture server. The local pipeline's deps (catalog,
 * knowledge) stay for the scorers. No internals come back: intents are empty and the trace
 * only holds the reply and its latency.
 */
export function createTargetPipeline(
  local: Pipeline,
  target: TargetSettings,
  onFatal: (error: TargetError) => void,
): Pipeline {
  const numbers = new Map<string, string>();
  const numberFor = (conversationId: string) => {
    let number = numbers.get(conversationId);
    if (!number) {
      // +52 1 555 … : Mexico's fictional 555 range, random per case so runs never share a chat.
      number = `+521555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
      numbers.set(conversationId, number);
    }
    return number;
  };

  const pipeline: Pipeline = {
    deps: local.deps,
    withRuntime: () => pipeline,
    async runTurn(request) {
      const conversationId = request.conversationId ?? `target_${randomBytes(6).toString('hex')}`;
      const from = numberFor(conversationId);
      const started = performance.now();
      const form = twilioWebhookForm({ body: request.message, from, accountSid: target.accountSid });
      let answer;
      try {
        answer = await postTwilioWebhook({
          url: target.url,
          form,
          authToken: target.authToken,
          signedUrl: target.signedUrl,
          timeoutMs: target.turnTimeoutMs,
        });
      } catch (error) {
        throw fatalOr(onFatal, unreachable(target, error));
      }
      if (answer.status === 403) {
        throw fatalOr(
          onFatal,
          new TargetError(
            `${target.url} rejected the request signature (403): the auth token differs from the server's.`,
            {
              hint: "Set TWILIO_AUTH_TOKEN to the serve process's token (and --target-signed-url to its --public-url webhook, if it has one).",
              exitCode: 2,
            },
          ),
        );
      }
      if (answer.status !== 200) {
        throw new Error(`the target answered HTTP ${answer.status}: ${redact(answer.body.slice(0, 200))}`);
      }
      let messages = answer.messages;
      if (messages.length === 0 && target.capture) {
        const left = Math.max(0, target.turnTimeoutMs - (performance.now() - started));
        messages = await target.capture.takeReply(`whatsapp:${from}`, {
          timeoutMs: left,
          settleMs: target.settleMs,
          signal: request.signal,
        });
      }
      if (messages.length === 0) {
        throw new Error(
          target.capture
            ? `no reply within ${target.turnTimeoutMs} ms, neither in the TwiML answer nor at the capture endpoint (raise --turn-timeout, or check the server's KAVAK_TWILIO_API_URL points at ${target.capture.url})`
            : 'the webhook answered with no TwiML reply: the server replies through the Twilio REST API (--reply rest); pass --capture-port and point its KAVAK_TWILIO_API_URL at it',
        );
      }
      return targetTurn(conversationId, request.message, messages, performance.now() - started);
    },
  };
  return pipeline;
}

function fatalOr(onFatal: (error: TargetError) => void, error: TargetError): TargetError {
  onFatal(error);
  return error;
}

function unreachable(target: TargetSettings, error: unknown): TargetError {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const why =
    cause && typeof cause.code === 'string'
      ? cause.code
      : error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${target.turnTimeoutMs} ms`
        : error instanceof Error
          ? error.message
          : String(error);
  return new TargetError(`Cannot reach the target ${target.url}: ${why}.`, {
    hint: 'Check the URL (the webhook path is /twilio/whatsapp) and that kavak serve is running there.',
    exitCode: 2,
    cause: error,
  });
}

function targetTurn(
  conversationId: string,
  message: string,
  messages: string[],
  latency: number,
): TurnResult {
  const reply = messages.join('\n\n');
  const trackingId = `target_${randomBytes(8).toString('hex')}`;
  const latencyMs = Math.round(latency);
  return {
    trackingId,
    conversationId,
    reply,
    messages,
    intents: [],
    profile: emptyProfile(),
    trace: {
      trackingId,
      conversationId,
      startedAt: new Date(Date.now() - latencyMs).toISOString(),
      latencyMs,
      message,
      intents: [],
      language: 'es',
      reply,
      messages,
      spans: [],
      // The deployment's model usage is not visible from outside: no price rather than $0.
      totals: { modelCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: null },
    },
  };
}
