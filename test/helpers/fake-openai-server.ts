/**
 * A local OpenAI-compatible HTTP server for tests: the real `openai` SDK talks to it over real
 * HTTP on 127.0.0.1 (random port). Each test scripts the replies it needs and reads back the
 * requests the server received.
 *
 *   const server = await startFakeOpenAIServer();        // beforeAll
 *   afterAll(() => server.close());
 *   beforeEach(() => server.reset());
 *
 *   server.queue(errorReply(429, 'slow down', { 'retry-after': '0' }), completionReply({ content: 'hola' }));
 *   const runtime = createOpenAIRuntime({ apiKey: 'sk-test', baseURL: server.url, model: 'gpt-4o-mini' });
 *   await runtime.generate(...);
 *   expect(server.requests).toHaveLength(2);
 *
 * Replies are served in queue order; when the queue is empty the fallback answers (by default a
 * 500 that says no reply was scripted, so a missing script fails loudly).
 */
import { text } from 'node:stream/consumers';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonReply {
  kind: 'json';
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON, or as-is when a string (to send a malformed or non-JSON body). */
  body: unknown;
  /** Wait this long before answering (to trigger client timeouts). */
  delayMs?: number;
  /** Answer only once this settles (a test holds the model until it has sent everything). */
  after?: Promise<unknown>;
}

export interface StreamReply {
  kind: 'sse';
  /** Each becomes one `data: <json>` event; a `data: [DONE]` event follows. */
  events: unknown[];
  headers?: Record<string, string>;
  delayMs?: number;
  after?: Promise<unknown>;
}

export type FakeReply = JsonReply | StreamReply;

export interface ReceivedRequest {
  method: string;
  /** e.g. /v1/chat/completions */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: unknown;
}

export interface FakeOpenAIServer {
  /** Base URL for the SDK, ending in /v1. */
  readonly url: string;
  /** Every request received since the last reset, in order. */
  readonly requests: ReceivedRequest[];
  /** Adds replies, each served once, in order. */
  queue(...replies: FakeReply[]): void;
  /** Answers when the queue is empty (e.g. a persistent 500). */
  fallback(reply: FakeReply | ((request: ReceivedRequest) => FakeReply)): void;
  /** Clears requests, queue and fallback. */
  reset(): void;
  close(): Promise<void>;
}

export interface CompletionReplyOptions {
  content: string | null;
  finishReason?: 'stop' | 'length' | 'content_filter' | 'tool_calls';
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  model?: string;
  refusal?: string | null;
}

/** A 200 chat.completion with one choice. */
export function completionReply(options: CompletionReplyOptions): JsonReply {
  const usage = options.usage === undefined ? { prompt_tokens: 11, completion_tokens: 7 } : options.usage;
  return {
    kind: 'json',
    status: 200,
    body: {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: options.model ?? 'gpt-4o-mini-2024-07-18',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: options.content, refusal: options.refusal ?? null },
          finish_reason: options.finishReason ?? 'stop',
          logprobs: null,
        },
      ],
      ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
    },
  };
}

/** An OpenAI-shaped error body: `{ error: { message, type, code } }`. */
export function errorReply(
  status: number,
  message: string,
  headers?: Record<string, string>,
  code: string | null = null,
): JsonReply {
  return {
    kind: 'json',
    status,
    headers,
    body: { error: { message, type: 'fake_error', param: null, code } },
  };
}

export interface StreamReplyOptions {
  deltas: string[];
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** Sent in a last chunk with no choices, as OpenAI does with stream_options.include_usage. */
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  model?: string;
}

/** A streamed chat.completion.chunk sequence: role, one chunk per delta, finish, usage, [DONE]. */
export function streamReply(options: StreamReplyOptions): StreamReply {
  const model = options.model ?? 'gpt-4o-mini-2024-07-18';
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    choices,
    ...extra,
  });
  const usage = options.usage === undefined ? { prompt_tokens: 11, completion_tokens: 7 } : options.usage;
  return {
    kind: 'sse',
    events: [
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
      ...options.deltas.map((content) => chunk([{ index: 0, delta: { content }, finish_reason: null }])),
      chunk([{ index: 0, delta: {}, finish_reason: options.finishReason ?? 'stop' }]),
      ...(usage
        ? [chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })]
        : []),
    ],
  };
}

const NO_REPLY: FakeReply = errorReply(500, 'The fake server has no scripted reply for this request.');

export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const requests: ReceivedRequest[] = [];
  const queued: FakeReply[] = [];
  let fallback: FakeReply | ((request: ReceivedRequest) => FakeReply) = NO_REPLY;

  const server = createServer((req, res) => {
    void text(req).then(
      (raw) => {
        const received: ReceivedRequest = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body: parseJson(raw),
        };
        requests.push(received);
        const reply = queued.shift() ?? (typeof fallback === 'function' ? fallback(received) : fallback);
        answerAfterDelay(res, reply);
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    queue: (...replies) => void queued.push(...replies),
    fallback: (reply) => void (fallback = reply),
    reset: () => {
      requests.length = 0;
      queued.length = 0;
      fallback = NO_REPLY;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function answerAfterDelay(res: ServerResponse, reply: FakeReply): void {
  if (reply.after) {
    const { after, ...rest } = reply;
    void after.then(() => answerAfterDelay(res, rest));
    return;
  }
  if (!reply.delayMs) return answer(res, reply);
  const timer = setTimeout(() => answer(res, reply), reply.delayMs);
  // The client may give up first (a timeout test): then there is no one to answer.
  res.once('close', () => clearTimeout(timer));
}

function answer(res: ServerResponse, reply: FakeReply): void {
  if (res.destroyed) return;
  if (reply.kind === 'json') {
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(body);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
  for (const event of reply.events) res.write(`data: ${JSON.stringify(event)}\n\n`);
  res.end('data: [DONE]\n\n');
}

function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}
