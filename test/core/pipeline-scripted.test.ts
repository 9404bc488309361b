import { describe, expect, it } from 'vitest';
import { emptyEntities, type Intent } from '../../src/core/intents/schema.js';
import { createScriptedRuntime } from '../../src/runtime/scripted.js';
import type { GenerateRequest } from '../../src/core/ports/language-model.js';
import { ReplyTaskInputSchema } from '../../src/core/tasks.js';
import { createTestPipeline } from '../helpers/test-pipeline.js';

const intent = (type: Intent['type'], entities: Partial<Intent['entities']> = {}): Intent => ({
  type,
  confidence: 0.9,
  entities: { ...emptyEntities(), ...entities },
});

/** A model that answers intents from a script and rephrases replies faithfully. */
function draftEcho(request: GenerateRequest): string {
  return ReplyTaskInputSchema.parse(request.task.input).draft;
}

describe('pipeline with a scripted model', () => {
  it('repairs an intents answer that is not valid JSON with one retry', async () => {
    const runtime = createScriptedRuntime((request, i) => {
      if (request.task.name === 'intents')
        return i === 0 ? '{"intents": [' : { intents: [intent('greeting')] };
      return draftEcho(request);
    });
    const { pipeline } = await createTestPipeline(runtime);
    const result = await pipeline.runTurn({ message: 'hola' });
    expect(result.intents.map((i) => i.type)).toEqual(['greeting']);
    const calls = result.trace.spans.filter((s) => s.type === 'model_call');
    expect(calls.map((s) => (s.type === 'model_call' ? [s.task, s.attempt] : []))).toEqual([
      ['intents', 1],
      ['intents', 2],
      ['reply', 1],
    ]);
    // the repair message shows the model its mistake
    expect(runtime.calls[1]!.messages.at(-1)!.content).toMatch(/no es válida/);
  });

  it('falls back safely when the intents answer breaks the schema twice', async () => {
    const runtime = createScriptedRuntime((request) =>
      request.task.name === 'intents'
        ? { intents: [{ type: 'buy_spaceship', confidence: 2 }] }
        : draftEcho(request),
    );
    const { pipeline } = await createTestPipeline(runtime);
    const result = await pipeline.runTurn({ message: 'asdfgh' });
    expect(result.intents.map((i) => i.type)).toEqual(['out_of_scope']);
    expect(result.reply).toMatch(/Puedo ayudarte/);
    const span = result.trace.spans.find((s) => s.type === 'intents');
    expect(span?.type === 'intents' && span.fallback?.reason).toMatch(/^intents\.0\.type: /);
  });

  it('keeps the tools’ figures when the model invents a price', async () => {
    const runtime = createScriptedRuntime((request) =>
      request.task.name === 'intents'
        ? {
            intents: [
              intent('car_recommendation', {
                make: 'Toyota',
                model: 'Corolla',
                yearMin: 2020,
                yearMax: 2020,
              }),
            ],
          }
        : '¡Claro! El Corolla 2020 te lo dejo en $199,999 con descuento.',
    );
    const { pipeline } = await createTestPipeline(runtime);
    const result = await pipeline.runTurn({ message: 'busco un corolla 2020' });
    expect(result.reply).toContain('$313,999.00');
    expect(result.reply).not.toContain('199,999');
    const agent = result.trace.spans.find((s) => s.type === 'agent');
    expect(agent?.type === 'agent' && agent.groundingNote).toMatch(/199999/);
  });

  it('keeps the draft when the model states a rate, term, percentage and an amount in "mil" of its own', async () => {
    const invented =
      'Claro: con enganche al 25%, a 60 meses con tasa del 12% pagarías unos 5 mil al mes por el Corolla.';
    const runtime = createScriptedRuntime((request) =>
      request.task.name === 'intents'
        ? {
            intents: [
              intent('financing', {
                make: 'Toyota',
                model: 'Corolla',
                yearMin: 2020,
                yearMax: 2020,
                downPaymentPercent: 20,
                termYears: 4,
              }),
            ],
          }
        : invented,
    );
    const { pipeline } = await createTestPipeline(runtime);
    const result = await pipeline.runTurn({ message: 'cuánto al mes por el corolla 2020 con 20% a 4 años' });
    expect(result.reply).not.toContain('5 mil');
    expect(result.reply).toContain('48 meses (4 años): $6,371.06 al mes');
    const agent = result.trace.spans.find((s) => s.type === 'agent');
    expect(agent?.type === 'agent' && agent.groundingNote).toBe(
      'the model stated 25%, 60 meses, 12%, 5000, which the tools did not give; kept the draft',
    );
  });

  it('uses the model’s phrasing when every figure is grounded', async () => {
    const runtime = createScriptedRuntime((request) =>
      request.task.name === 'intents'
        ? {
            intents: [
              intent('car_recommendation', {
                make: 'Toyota',
                model: 'Corolla',
                yearMin: 2020,
                yearMax: 2020,
              }),
            ],
          }
        : 'Mira, tengo el Toyota Corolla 2020 (ID 305016) en $313,999.00. ¿Te lo aparto?',
    );
    const { pipeline } = await createTestPipeline(runtime);
    const result = await pipeline.runTurn({ message: 'busco un corolla 2020' });
    expect(result.reply).toBe(
      'Mira, tengo el Toyota Corolla 2020 (ID 305016) en $313,999.00. ¿Te lo aparto?',
    );
  });

  it('runs one agent per intent and one phrasing call each, greeting first', async () => {
    const runtime = createScriptedRuntime((request) =>
      request.task.name === 'intents'
        ? {
            intents: [
              intent('financing', {
                model: 'Corolla',
                yearMin: 2020,
                yearMax: 2020,
                downPaymentPercent: 20,
                termYears: 4,
              }),
              intent('greeting'),
            ],
          }
        : draftEcho(request),
    );
    const { pipeline } = await createTestPipeline(runtime);
    const result = await pipeline.runTurn({
      message: 'hola, ¿cuánto al mes por el corolla 2020 con 20% a 4 años?',
    });
    expect(result.reply.indexOf('Hola')).toBe(1);
    expect(result.reply).toContain('$6,371.06');
    // intents + financing phrasing; the greeting next to another answer needs no call
    expect(result.trace.totals.modelCalls).toBe(2);
    const tools = result.trace.spans
      .filter((s) => s.type === 'tool_call')
      .map((s) => (s.type === 'tool_call' ? s.tool : ''));
    expect(tools).toContain('financing.plan');
  });

  it('surfaces a model failure as an error, not a wrong reply', async () => {
    const runtime = createScriptedRuntime(new Error('server down'));
    const { pipeline } = await createTestPipeline(runtime);
    await expect(pipeline.runTurn({ message: 'hola' })).rejects.toThrow(/server down/);
  });
});
