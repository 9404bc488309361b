/**
 * An OpenAI-compatible server on 127.0.0.1 for the benches: every Chat Completions call is
 * answered after a fixed delay with a valid output for any message (see scripted-model.ts),
 * streamed or not. It counts calls by kind; it never fails on purpose. Control routes for a
 * bench driving it from another process: GET /__bench/calls, POST /__bench/reset,
 * POST /__bench/delay?ms=N.
 */
import { text } from 'node:stream/consumers';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Vocabulary } from '../../src/runtime/offline/nlu/index.js';
import {
  scriptedAnswer,
  type CallKind,
  type ChatRequestBody,
  type ScriptedAnswer,
} from './scripted-model.js';

export type CallCounts = Record<CallKind, number>;

export interface ScriptedOpenAIServer {
  /** Base URL for the SDK / --base-url, ending in /v1. */
  readonly url: string;
  /** Calls answered since the last reset, by kind. */
  calls(): Promise<CallCounts>;
  setDelay(ms: number): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface ScriptedServerOptions {
  delayMs: number;
  /** The catalog's names, so intents use its spelling (as the offline runtime does). */
  vocabulary?: Vocabulary;
}

export function totalCalls(counts: CallCounts): number {
  return counts.intents + counts.reply + counts.judge + counts.other;
}

const MODEL = 'gpt-4o-mini-2024-07-18';
const MAX_CACHED = 20_000;
const estimateTokens = (chars: number) => Math.ceil(chars / 4);

export async function startScriptedOpenAIServer(
  options: ScriptedServerOptions,
): Promise<ScriptedOpenAIServer> {
  let delayMs = options.delayMs;
  const calls: CallCounts = { intents: 0, reply: 0, judge: 0, other: 0 };
  const answers = new Map<string, ScriptedAnswer>();
  const reset = () => {
    for (const kind of Object.keys(calls) as CallKind[]) calls[kind] = 0;
  };

  const server = createServer((req, res) => {
    void text(req).then(
      (raw) => {
        if (req.url?.startsWith('/__bench/')) {
          const url = new URL(req.url, 'http://127.0.0.1');
          if (url.pathname === '/__bench/reset') reset();
          if (url.pathname === '/__bench/delay') delayMs = Number(url.searchParams.get('ms') ?? delayMs);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ calls, delayMs }));
          return;
        }
        if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ error: { message: `no route ${req.method} ${req.url}`, type: 'not_found' } }),
          );
          return;
        }
        let body: ChatRequestBody;
        try {
          body = JSON.parse(raw) as ChatRequestBody;
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'body is not JSON', type: 'invalid_request_error' } }));
          return;
        }
        // The same request gets the same answer: cached, so the NLU's CPU time (the stand-in
        // model's "thinking") never adds to the fixed delay once a bench has warmed the server up.
        let answer = answers.get(raw);
        if (!answer) {
          answer = scriptedAnswer(body, options.vocabulary);
          if (answer.kind === 'intents' && answers.size < MAX_CACHED) answers.set(raw, answer);
        }
        calls[answer.kind] += 1;
        const usage = {
          prompt_tokens: estimateTokens(raw.length),
          completion_tokens: estimateTokens(answer.content.length),
        };
        const timer = setTimeout(
          () => (body.stream ? sendStream(res, answer.content, usage) : sendJson(res, answer.content, usage)),
          delayMs,
        );
        res.once('close', () => clearTimeout(timer));
      },
      () => res.destroy(),
    );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls: () => Promise.resolve({ ...calls }),
    setDelay: (ms) => Promise.resolve(void (delayMs = ms)),
    reset: () => Promise.resolve(reset()),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Usage = { prompt_tokens: number; completion_tokens: number };

function sendJson(res: ServerResponse, content: string, usage: Usage): void {
  if (res.destroyed) return;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: MODEL,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    }),
  );
}

function sendStream(res: ServerResponse, content: string, usage: Usage): void {
  if (res.destroyed) return;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: MODEL, choices, ...extra })}\n\n`;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
  for (const piece of content.match(/\S+\s*/g) ?? [])
    res.write(chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
  res.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
  res.write(chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }));
  res.end('data: [DONE]\n\n');
}
