import { describe, expect, it } from 'vitest';
import { emptyEntities, type Intent } from '../../src/core/intents/schema.js';
import { ReplyTaskInputSchema } from '../../src/core/tasks.js';
import { createScriptedRuntime } from '../../src/runtime/scripted.js';
import type { GenerateRequest } from '../../src/core/ports/language-model.js';
import { createTestPipeline } from '../helpers/test-pipeline.js';

const intent = (type: Intent['type'], entities: Partial<Intent['entities']> = {}): Intent => ({
  type,
  confidence: 0.9,
  entities: { ...emptyEntities(), ...entities },
});

/** A model that gives these intents, one list per turn, and phrases every draft as it is. */
function modelSaying(...turns: Intent[][]) {
  let turn = 0;
  return createScriptedRuntime((request: GenerateRequest) =>
    request.task.name === 'intents'
      ? { intents: turns[Math.min(turn++, turns.length - 1)] }
      : ReplyTaskInputSchema.parse(request.task.input).draft,
  );
}

/**
 * What an agent needs comes from the intent schema a real model fills, not from re-reading the
 * customer's words: these messages have no "?" to split on and none of the old keywords.
 */
describe('core answers what the intents say, whatever the wording', () => {
  it('answers every question the intents list, each from its own knowledge section', async () => {
    const runtime = modelSaying([
      intent('kavak_info', { topic: 'inspección y garantía', questions: ['inspección', 'garantía'] }),
    ]);
    const { pipeline } = await createTestPipeline(runtime);
    const result = await pipeline.runTurn({ message: 'me preocupa el estado del carro y que luego truene' });
    expect(result.reply).toMatch(/inspección completa/);
    expect(result.reply).toMatch(/3 meses de garantía/);
  });

  it('uses the minimum down payment when the intents ask for it, not the amount said before', async () => {
    const runtime = modelSaying(
      [intent('financing', { stockId: '323668', downPaymentAmount: 50_000, termYears: 5 })],
      [intent('financing', { downPaymentMinimum: true })],
    );
    const { pipeline } = await createTestPipeline(runtime);
    const conversationId = 'minimum';
    const first = await pipeline.runTurn({ conversationId, message: 'el kicks con 50 mil a 5 años' });
    expect(first.reply).toContain('$50,000.00');
    const result = await pipeline.runTurn({ conversationId, message: 'lo menos que se pueda poner' });
    expect(result.reply).toContain('$33,899.90');
    expect(result.reply).toContain('$6,482.45');
    expect(result.reply).not.toContain('$50,000.00');
  });

  it('says it is a bot when the intents say the customer asks who answers', async () => {
    const runtime = modelSaying([intent('out_of_scope', { topic: 'bot' })]);
    const { pipeline } = await createTestPipeline(runtime);
    const result = await pipeline.runTurn({ message: 'contesta alguien de carne y hueso?' });
    expect(result.reply).toMatch(/asistente virtual/);
    expect(result.reply).not.toMatch(/no te puedo ayudar/);
  });
});
