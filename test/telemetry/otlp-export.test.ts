/**
 * `kavak ask` (the built CLI, offline runtime) with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a real
 * OTLP/HTTP receiver on 127.0.0.1: the turn arrives as a span tree with the GenAI conventions,
 * flushed before the process exits, and no phone number or secret is in any attribute.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurnTrace } from '../../src/core/trace/schema.js';
import { runKavak } from '../helpers/run-kavak.js';
import { attributesOf, startOtlpReceiver, type OtlpReceiver, type OtlpSpan } from './otlp-receiver.js';

const PHONE = '+52 55 1234 5678';
const MESSAGE = `Hola, mi cel es ${PHONE}. ¿Cuánto pagaría al mes por el Corolla 2020 con 20% de enganche a 4 años?`;
const TOKEN = 'sk-otlp-ingest-0123456789abcdef';

let receiver: OtlpReceiver;
beforeEach(async () => {
  receiver = await startOtlpReceiver();
});
afterEach(async () => {
  await receiver.close();
});

async function ask(env: Record<string, string>) {
  const db = join(mkdtempSync(join(tmpdir(), 'kavak-otlp-')), 'kavak.db');
  const run = await runKavak(['ask', '--json', '--db', db, MESSAGE], {
    env: { KAVAK_RUNTIME: 'offline', ...env },
  });
  expect(run.code, run.stderr).toBe(0);
  const trace = (JSON.parse(run.stdout) as { trace: TurnTrace }).trace;
  const spans = receiver.spans();
  const attrs = (span: OtlpSpan) => attributesOf(span.attributes);
  const byName = (name: string) => spans.filter((s) => s.span.name === name).map((s) => s.span);
  return { trace, spans, attrs, byName, run };
}

const nanos = (value: string) => BigInt(value);

describe('OpenTelemetry export of a kavak ask turn', () => {
  it('sends the turn as a span tree with gen_ai attributes, tokens and cost, before the CLI exits', async () => {
    const { trace, spans, attrs, byName } = await ask({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer ${TOKEN}`,
      OTEL_SERVICE_NAME: 'kavak-test',
    });

    // The process has exited: everything it exported is here. One span per trace span, plus the turn.
    expect(spans).toHaveLength(trace.spans.length + 1);
    expect(receiver.exports[0]!.contentType).toBe('application/json');
    expect(receiver.exports[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(new Set(spans.map((s) => s.resource['service.name']))).toEqual(new Set(['kavak-test']));
    expect(new Set(spans.map((s) => s.span.traceId)).size).toBe(1);

    const roots = spans.filter((s) => !s.span.parentSpanId).map((s) => s.span);
    expect(roots.map((r) => r.name)).toEqual(['invoke_workflow kavak.turn']);
    const root = roots[0]!;
    const rootAttrs = attrs(root);
    expect(rootAttrs).toMatchObject({
      'gen_ai.operation.name': 'invoke_workflow',
      'kavak.tracking_id': trace.trackingId,
      'kavak.intents': trace.intents.map((i) => i.type),
      'kavak.model_calls': trace.totals.modelCalls,
      'kavak.usage.input_tokens': trace.totals.inputTokens,
      'kavak.usage.output_tokens': trace.totals.outputTokens,
      'kavak.cost_usd': 0,
    });
    // The conversation is a hash: groupable, not the id (nor, in serve, the phone number behind it).
    expect(rootAttrs['gen_ai.conversation.id']).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(receiver.exports)).not.toContain(trace.conversationId);

    const children = (parent: OtlpSpan) =>
      spans.map((s) => s.span).filter((s) => s.parentSpanId === parent.spanId);
    const [intents] = byName('kavak.intents');
    expect(intents!.parentSpanId).toBe(root.spanId);
    const [financing] = byName('invoke_agent financing');
    expect(financing!.parentSpanId).toBe(root.spanId);
    expect(attrs(financing!)).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'financing',
    });
    const tools = children(financing!).filter((s) => s.name.startsWith('execute_tool '));
    expect(tools.map((t) => attrs(t)['gen_ai.tool.name'])).toContain('financing.plan');
    expect(attrs(tools[0]!)['gen_ai.operation.name']).toBe('execute_tool');

    const [intentsCall, ...rest] = children(intents!);
    expect(rest).toEqual([]);
    expect(intentsCall!.kind).toBe(3); // CLIENT
    expect(attrs(intentsCall!)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'kavak.offline',
      'gen_ai.system': 'kavak.offline',
      'gen_ai.request.model': trace.spans.find((s) => s.type === 'model_call')!.model,
      'gen_ai.response.model': expect.any(String),
      'gen_ai.request.max_tokens': 900,
      'gen_ai.request.temperature': expect.any(Number),
      'gen_ai.response.finish_reasons': ['stop'],
      'kavak.task': 'intents',
      'kavak.cost_usd': 0,
    });
    const chats = spans.map((s) => s.span).filter((s) => attrs(s)['gen_ai.operation.name'] === 'chat');
    expect(chats).toHaveLength(trace.totals.modelCalls);
    const sum = (key: string) => chats.reduce((n, s) => n + (attrs(s)[key] as number), 0);
    expect(sum('gen_ai.usage.input_tokens')).toBe(trace.totals.inputTokens);
    expect(sum('gen_ai.usage.output_tokens')).toBe(trace.totals.outputTokens);
    expect(sum('gen_ai.usage.input_tokens')).toBeGreaterThan(0);

    // Real times: every span inside the turn (1 ms slack: trace start times are whole milliseconds).
    const ms = 1_000_000n;
    for (const { span } of spans) {
      expect(nanos(span.endTimeUnixNano)).toBeGreaterThanOrEqual(nanos(span.startTimeUnixNano));
      expect(nanos(span.startTimeUnixNano)).toBeGreaterThanOrEqual(nanos(root.startTimeUnixNano) - ms);
      expect(nanos(span.endTimeUnixNano)).toBeLessThanOrEqual(nanos(root.endTimeUnixNano) + ms);
    }
    expect(nanos(root.endTimeUnixNano) - nanos(root.startTimeUnixNano)).toBeGreaterThan(0n);

    // Content is opt-in: without it no prompt, reply or tool data leaves the process.
    const body = JSON.stringify(receiver.exports.map((e) => e.body));
    expect(body).not.toContain('gen_ai.input.messages');
    expect(body).not.toContain('Corolla');
    expect(body).not.toContain(TOKEN);
  });

  it('with content capture on, sends prompts and replies with the phone number masked', async () => {
    const { spans, attrs } = await ask({
      // The traces-only variable is a full URL, used as given.
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
      OTEL_EXPORTER_OTLP_HEADERS: `x-api-key=${TOKEN}`,
      OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true',
    });
    expect(spans.length).toBeGreaterThan(3);
    const root = spans.find((s) => !s.span.parentSpanId)!.span;
    expect(attrs(root)['gen_ai.input.messages']).toContain('Corolla 2020');
    const chat = spans.find((s) => attrs(s.span)['kavak.task'] === 'intents')!.span;
    const input = JSON.parse(attrs(chat)['gen_ai.input.messages'] as string) as {
      role: string;
      parts: unknown[];
    }[];
    expect(input.map((m) => m.role)).toContain('user');
    expect(attrs(chat)['gen_ai.output.messages']).toContain('intents');

    const everything = JSON.stringify(receiver.exports.map((e) => e.body));
    expect(everything).toContain('+…5678');
    const digitsOnly = everything.replace(/[\s()+.-]/g, '');
    expect(digitsOnly).not.toContain('5512345678');
    expect(everything).not.toContain(TOKEN);
    expect(receiver.exports[0]!.headers['x-api-key']).toBe(TOKEN);
  });

  it('exports nothing, and says nothing, when no endpoint is set', async () => {
    const { spans, run } = await ask({});
    expect(spans).toEqual([]);
    expect(run.stderr).not.toContain('telemetry');
  });

  it('kavak chat and kavak eval export every turn they run, one trace each', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'kavak-otlp-')), 'kavak.db');
    const env = { KAVAK_RUNTIME: 'offline', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url };
    const chat = await runKavak(['chat', '--db', db], { env, input: 'hola\nbusco un Nissan Versa\n' });
    expect(chat.code, chat.stderr).toBe(0);
    const roots = () => receiver.spans().filter((s) => !s.span.parentSpanId);
    expect(roots()).toHaveLength(2);

    // social-thanks-then-hours has two turns; the judges are skipped offline.
    const out = mkdtempSync(join(tmpdir(), 'kavak-otlp-eval-'));
    const evalRun = await runKavak(
      ['eval', '--filter', 'social-thanks-then-hours', '--out', out, '--no-progress'],
      {
        env,
      },
    );
    expect(evalRun.code, evalRun.stderr).toBe(0);
    expect(roots()).toHaveLength(4);
    expect(new Set(roots().map((r) => r.span.traceId)).size).toBe(4);
    expect(new Set(roots().map((r) => attributesOf(r.span.attributes)['kavak.tracking_id'])).size).toBe(4);
  });
});
