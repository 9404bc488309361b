import { afterAll, describe, expect, it } from 'vitest';
import { loadGrammarEngine } from '../../../test/helpers/llama-grammar-engine.js';
import {
  PROJECT_STRUCTURED_OUTPUTS,
  wireSchemaOf,
} from '../../../test/helpers/project-structured-outputs.js';
import { emptyEntities, type Entities, type Intent } from '../../core/intents/schema.js';

/**
 * The wire schema through a real grammar engine (node-llama-cpp 3.21.1, llama.cpp's sampler):
 * local models behind an OpenAI-compatible server constrain their output with such a grammar, so
 * a field the grammar cannot express is a field the model can never fill.
 */
const engine = await loadGrammarEngine();
if ('unavailable' in engine) {
  console.warn(
    `SKIPPED grammar-engine tests: node-llama-cpp's prebuilt binary could not load (${engine.unavailable})`,
  );
}
const available = 'unavailable' in engine ? undefined : engine;
afterAll(() => available?.dispose());

const schemaOf = (name: string) => wireSchemaOf(PROJECT_STRUCTURED_OUTPUTS.find((o) => o.name === name)!);

/** "accepted", or where the grammar stopped the text, so a failure shows the field. */
async function grammarVerdict(schemaName: string, text: string): Promise<string> {
  const at = await available!.firstRejectedByte(schemaOf(schemaName), text);
  return at === undefined ? 'accepted' : `rejected after ${text.slice(Math.max(0, at - 40), at)}`;
}

function intents(
  ...list: Array<Partial<Omit<Intent, 'entities'>> & { entities?: Partial<Entities> }>
): string {
  return JSON.stringify({
    intents: list.map(({ entities, ...intent }) => ({
      type: 'car_recommendation',
      confidence: 0.9,
      ...intent,
      entities: { ...emptyEntities(), ...entities },
    })),
  });
}

describe.skipIf(!available)('the intents grammar built from the wire schema', () => {
  it('lets a model write years, prices, enums and features', async () => {
    const search = intents({
      entities: {
        make: 'VW',
        yearMin: 2020,
        yearMax: 2023,
        priceMax: 350000,
        transmission: 'manual',
        bluetooth: true,
        otherFeatures: ['diesel'],
      },
    });
    expect(await grammarVerdict('intents', search)).toBe('accepted');
    const visit = intents(
      { type: 'greeting', confidence: 1 },
      { type: 'sales', entities: { salesAction: 'test_drive', pick: 2, preferredTime: 'el sabado' } },
    );
    expect(await grammarVerdict('intents', visit)).toBe('accepted');
  });

  it('lets a model leave every entity null', async () => {
    expect(await grammarVerdict('intents', intents({ type: 'greeting' }))).toBe('accepted');
  });

  it('stops a year written as text or with decimals', async () => {
    const asText = intents({ entities: { yearMin: '2020' as unknown as number } });
    expect(await grammarVerdict('intents', asText)).toMatch(/"yearMin":$/);
    const fractional = intents({ entities: { yearMin: 2020.5 } });
    expect(await grammarVerdict('intents', fractional)).toMatch(/"yearMin":2020$/);
  });

  it('stops unknown intent types and enum values', async () => {
    const weather = intents({ type: 'weather' as Intent['type'] });
    expect(await grammarVerdict('intents', weather)).toMatch(/"type":"$/);
    const cvt = intents({ entities: { transmission: 'cvt' as Entities['transmission'] } });
    expect(await grammarVerdict('intents', cvt)).toMatch(/"transmission":"$/);
  });

  it('stops a missing or an extra key', async () => {
    const missing = intents({}).replace(',"comparedCars":[]', '');
    expect(await grammarVerdict('intents', missing)).toMatch(/"carUse":null$/);
    const extra = intents({}).replace('"comparedCars":[]', '"comparedCars":[],"color":"rojo"');
    expect(await grammarVerdict('intents', extra)).toMatch(/"comparedCars":\[\]$/);
  });
});

describe.skipIf(!available)('the verdict grammar built from the wire schema', () => {
  it('lets a judge give its reasoning, pass and score, and nothing else', async () => {
    const verdict = { reasoning: 'Cita el precio del catalogo.', pass: true, score: 0.8 };
    expect(await grammarVerdict('verdict', JSON.stringify(verdict))).toBe('accepted');
    const wordScore = JSON.stringify({ ...verdict, score: 'high' });
    expect(await grammarVerdict('verdict', wordScore)).toMatch(/"score":$/);
  });
});
