import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelCallSpan } from '../../src/core/trace/schema.js';
import type { PipelineEvent } from '../../src/core/events.js';
import { createOpenAIRuntime } from '../../src/runtime/openai/index.js';
import { echoModel, intent } from '../helpers/echo-model.js';
import {
  completionReply,
  startFakeOpenAIServer,
  streamReply,
  type FakeOpenAIServer,
  type FakeReply,
  type ReceivedRequest,
} from '../helpers/fake-openai-server.js';
import { createTestPipeline } from '../helpers/test-pipeline.js';

/**
 * A small model on a local server that runs into the token budget: its intents JSON and its
 * reply stop mid-way with finish_reason "length". Real openai SDK, real HTTP on 127.0.0.1.
 */
const VERSA = 'Hola, busco un Versa 2020 con menos de 60 mil km';
const CUT_INTENTS =
  '{"intents":[{"type":"car_recommendation","confidence":0.9,"entities":{"make":"Nissan","mod';
const CUT_REPLY = '¡Hola! Te cuento que el Nissan Versa 2020 que tenemos cuesta $265,9';

interface RequestBody {
  stream?: boolean;
  max_tokens?: number;
  max_completion_tokens?: number;
  messages: { role: string; content: string }[];
  response_format?: { json_schema?: { name?: string } };
}
const body = (request: ReceivedRequest) => request.body as RequestBody;
const isIntents = (request: ReceivedRequest) =>
  body(request).response_format?.json_schema?.name === 'intents';

const VERSA_INTENTS = [
  intent('car_recommendation', { model: 'Versa', yearMin: 2020, yearMax: 2020, kmMax: 60000 }),
];
const faithful = echoModel({ [VERSA]: VERSA_INTENTS });

/** Cuts off the first `cutIntents` intents answers and every reply; the rest answer faithfully. */
function cuttingModel(cutIntents: number) {
  let intentsCalls = 0;
  return (request: ReceivedRequest): FakeReply => {
    if (isIntents(request)) {
      intentsCalls += 1;
      if (intentsCalls <= cutIntents)
        return completionReply({ content: CUT_INTENTS, finishReason: 'length' });
      // The repair request ends with the repair message, not the customer's: answer it directly.
      return completionReply({ content: JSON.stringify({ intents: VERSA_INTENTS }) });
    }
    if (body(request).stream) {
      return streamReply({ deltas: [CUT_REPLY.slice(0, 30), CUT_REPLY.slice(30)], finishReason: 'length' });
    }
    return completionReply({ content: CUT_REPLY, finishReason: 'length' });
  };
}

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function pipelineOnServer(stream = false) {
  const runtime = createOpenAIRuntime({ baseURL: server.url, model: 'gpt-4o-mini', maxRetries: 0 });
  return (await createTestPipeline(runtime, { stream })).pipeline;
}

async function draftReply(): Promise<string> {
  server.fallback(faithful);
  const result = await (await pipelineOnServer()).runTurn({ message: VERSA });
  server.reset();
  return result.reply;
}

const modelCalls = (spans: { type: string }[]) =>
  spans.filter((s): s is ModelCallSpan => s.type === 'model_call');

describe('answers cut off at the token budget (finish_reason "length")', () => {
  it('sends each task its token budget from the prompt front matter', async () => {
    server.fallback(faithful);
    await (await pipelineOnServer()).runTurn({ message: VERSA });
    // A local server gets max_tokens, the field llama.cpp, vLLM and Ollama honour.
    expect(server.requests.map((r) => [isIntents(r) ? 'intents' : 'reply', body(r).max_tokens])).toEqual([
      ['intents', 900],
      ['reply', 600],
    ]);
  });

  it('never sends a cut-off reply: the customer gets the draft, and the trace says why', async () => {
    const draft = await draftReply();
    server.fallback(cuttingModel(1));
    const result = await (await pipelineOnServer()).runTurn({ message: VERSA });

    expect(result.reply).toBe(draft);
    expect(result.reply).toContain('Nissan Versa 2020');
    expect(result.reply).not.toContain(CUT_REPLY);
    expect(result.messages.join('\n')).not.toContain('$265,9 ');

    const agent = result.trace.spans.find((s) => s.type === 'agent');
    expect(agent?.type === 'agent' && agent.groundingNote).toMatch(
      /cut off at its token limit; kept the draft/,
    );
    expect(modelCalls(result.trace.spans).map((s) => [s.task, s.attempt, s.finishReason])).toEqual([
      ['intents', 1, 'length'],
      ['intents', 2, 'stop'],
      ['reply', 1, 'length'],
    ]);
  });

  it('repairs a cut-off intents answer with a message that says it was cut off', async () => {
    server.fallback(cuttingModel(1));
    const result = await (await pipelineOnServer()).runTurn({ message: VERSA });

    expect(result.intents.map((i) => i.type)).toEqual(['car_recommendation']);
    const [first, repair] = server.requests.filter(isIntents);
    expect(body(first!).messages).toHaveLength(2);
    const repairMessages = body(repair!).messages;
    expect(repairMessages.at(-2)).toEqual({ role: 'assistant', content: CUT_INTENTS });
    expect(repairMessages.at(-1)?.content).toMatch(/se cortó al llegar al límite de 900 tokens/);
    expect(repairMessages.at(-1)?.content).not.toMatch(/no es válida/);
  });

  it('falls back to "unclear" when the repair is cut off too, and both cut-offs are in the trace', async () => {
    server.fallback(cuttingModel(2));
    const result = await (await pipelineOnServer()).runTurn({ message: VERSA });
    expect(result.intents.map((i) => i.type)).toEqual(['out_of_scope']);
    const intents = modelCalls(result.trace.spans).filter((s) => s.task === 'intents');
    expect(intents.map((s) => [s.finishReason, s.rawOutput])).toEqual([
      ['length', CUT_INTENTS],
      ['length', CUT_INTENTS],
    ]);
  });

  it('streaming (chat): the cut-off deltas are shown while writing, but the reply is the draft', async () => {
    const draft = await draftReply();
    server.fallback(cuttingModel(0));
    const events: PipelineEvent[] = [];
    const result = await (
      await pipelineOnServer(true)
    ).runTurn({
      message: VERSA,
      onEvent: (event) => events.push(event),
    });

    const reply = server.requests.find((r) => !isIntents(r));
    expect(body(reply!)).toMatchObject({ stream: true, max_tokens: 600 });
    const streamed = events.flatMap((e) => (e.type === 'reply_delta' ? [e.text] : [])).join('');
    expect(streamed).toBe(CUT_REPLY);
    expect(result.reply).toBe(draft);
    expect(modelCalls(result.trace.spans).find((s) => s.task === 'reply')?.finishReason).toBe('length');
  });
});
