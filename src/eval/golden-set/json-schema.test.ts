import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { INTENT_TYPES } from '../../core/intents/schema.js';
import { goldenSetJsonSchema, renderGoldenSetJsonSchema } from './json-schema.js';

const COMMITTED = new URL('../../../golden-set/schema.json', import.meta.url);

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  required?: string[];
  additionalProperties?: boolean;
  enum?: string[];
  default?: unknown;
}

describe('golden-set/schema.json', () => {
  it('is the committed output of the zod schema (run npx tsx scripts/golden-set-schema.ts when this fails)', async () => {
    expect(await readFile(COMMITTED, 'utf8')).toBe(renderGoldenSetJsonSchema());
  });

  it('lets editors complete and check cases: intents, required fields, no unknown keys', () => {
    const root = goldenSetJsonSchema() as unknown as JsonSchemaNode & { $schema: string };
    expect(root.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const goldenCase = root.properties!.cases!.items!;
    expect(goldenCase.required).toEqual(['id', 'title', 'turns']);
    expect(goldenCase.additionalProperties).toBe(false);
    const turn = goldenCase.properties!.turns!.items!;
    expect(turn.required).toEqual(['user']);
    const expectation = turn.properties!.expect!;
    expect(expectation.additionalProperties).toBe(false);
    expect(expectation.properties!.intents!.items!.enum).toEqual([...INTENT_TYPES]);
  });
});
