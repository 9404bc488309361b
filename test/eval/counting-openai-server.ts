import { text } from 'node:stream/consumers';
import { emptyEntities } from '../../src/core/intents/schema.js';
/**
 * A tiny OpenAI-compatible server for the eval runner's tests: it answers the pipeline's two
 * tasks (structured `intents`, free-text `reply`) and the judge, and it records what the
 * shared fake server does not: how many requests were in flight at once and when each arrived,
 * so concurrency and requests-per-minute limits are checked where they matter, at the server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The structured-output schema a request asks for: 'intents', 'verdict', or undefined for free text. */
export function schemaOf(body: ChatRequestBody): string | undefined {
  return body.response_format?.json_schema?.name;
}

export interface ChatRequestBody {
  model?: string;
  messages?: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name?: string } };
}

export interface ScriptedAnswer {
  status?: number;
  /** For 200s: the assistant message content. For errors: the error message. */
  content: string;
  delayMs?: number;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export type Handler = (body: ChatRequestBody, requestNumber: number) => ScriptedAnswer;

export interface CountingServer {
  readonly url: string;
  /** Arrival times (performance.now()) of every request. */
  readonly arrivals: number[];
  readonly bodies: ChatRequestBody[];
  readonly maxInFlight: number;
  handle(handler: Handler): void;
  reset(): void;
  close(): Promise<void>;
}

const NULL_ENTITIES = emptyEntities();

/** The default answers: every message is a greeting, the reply a plain greeting, every judge verdict a pass. */
export function greetingAnswer(body: ChatRequestBody): ScriptedAnswer {
  const schema = schemaOf(body);
  if (schema === 'verdict')
    return { content: JSON.stringify({ reasoning: 'Saluda y pregunta qué busca.', pass: true, score: 0.9 }) };
  if (schema === 'intents') {
    return {
      content: JSON.stringify({ intents: [{ type: 'greeting', confidence: 0.9, entities: NULL_ENTITIES }] }),
    };
  }
  return { content: '¡Hola! Soy el asistente de Kavak. ¿Qué auto buscas?' };
}

export async function startCountingServer(): Promise<CountingServer> {
  const arrivals: number[] = [];
  const bodies: ChatRequestBody[] = [];
  let handler: Handler = (body) => greetingAnswer(body);
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    arrivals.push(performance.now());
    let done = false;
    const finish = () => {
      if (!done) inFlight -= 1;
      done = true;
    };
    res.once('close', finish);
    void readJson(req).then((body) => {
      bodies.push(body);
      const answer = handler(body, bodies.length);
      const send = () => respond(res, body, answer, finish);
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    arrivals,
    bodies,
    get maxInFlight() {
      return maxInFlight;
    },
    handle: (next) => void (handler = next),
    reset() {
      arrivals.length = 0;
      bodies.length = 0;
      maxInFlight = 0;
      handler = (body) => greetingAnswer(body);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function respond(
  res: ServerResponse,
  body: ChatRequestBody,
  answer: ScriptedAnswer,
  finish: () => void,
): void {
  if (res.destroyed) return finish();
  const status = answer.status ?? 200;
  const payload =
    status === 200
      ? {
          id: 'chatcmpl-counting',
          object: 'chat.completion',
          created: 1_700_000_000,
          model: body.model ?? 'gpt-4o-mini',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: answer.content, refusal: null },
              finish_reason: 'stop',
              logprobs: null,
            },
          ],
          usage: { ...(answer.usage ?? { prompt_tokens: 100, completion_tokens: 20 }), total_tokens: 0 },
        }
      : { error: { message: answer.content, type: 'counting_error', param: null, code: null } };
  // Count the request as finished before the client sees the answer, so in-flight is never over-counted.
  finish();
  res.writeHead(status, { 'content-type': 'application/json', 'retry-after-ms': '1' });
  res.end(JSON.stringify(payload));
}

async function readJson(req: IncomingMessage): Promise<ChatRequestBody> {
  try {
    return JSON.parse(await text(req)) as ChatRequestBody;
  } catch {
    return {};
  }
}
