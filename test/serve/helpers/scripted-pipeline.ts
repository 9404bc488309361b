/**
 * A Pipeline-like `{ runTurn }` for queue and worker tests: each turn runs a script (answer,
 * wait, throw) and every call is recorded with its start and end.
 */
import type { Pipeline, TurnRequest, TurnResult } from '../../../src/core/pipeline.js';
import { emptyProfile } from '../../../src/core/profile.js';
import { splitForWhatsApp } from '../../../src/channels/whatsapp/split-reply.js';
import { ModelCallError } from '../../../src/runtime/errors.js';

export interface RecordedTurn {
  request: TurnRequest;
  startedAt: number;
  endedAt?: number;
}

export type TurnScript = (request: TurnRequest, call: number) => Promise<string> | string;

export interface ScriptedPipeline extends Pick<Pipeline, 'runTurn'> {
  readonly turns: RecordedTurn[];
  /** Turns running right now, and the most that ever ran at once. */
  readonly running: number;
  readonly maxRunning: number;
}

export function scriptedPipeline(script: TurnScript): ScriptedPipeline {
  const turns: RecordedTurn[] = [];
  let running = 0;
  let maxRunning = 0;
  return {
    turns,
    get running() {
      return running;
    },
    get maxRunning() {
      return maxRunning;
    },
    async runTurn(request) {
      const turn: RecordedTurn = { request, startedAt: performance.now() };
      turns.push(turn);
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      try {
        const reply = await script(request, turns.length - 1);
        return turnResult(request, reply);
      } finally {
        running -= 1;
        turn.endedAt = performance.now();
      }
    },
  };
}

export function turnResult(request: TurnRequest, reply: string): TurnResult {
  const trackingId = request.trackingId ?? 't_test';
  const conversationId = request.conversationId ?? 'c_test';
  const messages = splitForWhatsApp(reply);
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
      language: 'es',
      startedAt: new Date().toISOString(),
      latencyMs: 3,
      message: request.message,
      intents: [],
      reply,
      messages,
      spans: [],
      totals: { modelCalls: 1, inputTokens: 120, outputTokens: 40, costUsd: 0.0001 },
    },
  };
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason as Error)), {
      once: true,
    });
  });

export const rateLimited = () => new ModelCallError('429 slow down', { kind: 'rate_limit', status: 429 });
export const serverError = () => new ModelCallError('500 boom', { kind: 'server', status: 500 });
export const authError = () => new ModelCallError('401 bad key', { kind: 'auth', status: 401 });
