import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CURRENT_LIMITS,
  grammarPortabilityProblems,
  LAUNCH_LIMITS,
  strictModeProblems,
} from '../../../test/helpers/openai-strict-mode-rules.js';
import {
  PROJECT_STRUCTURED_OUTPUTS,
  structuredOutputNamesInSource,
  wireSchemaOf,
} from '../../../test/helpers/project-structured-outputs.js';
import { emptyEntities } from '../../core/intents/schema.js';
import { buildChatParams } from './build-chat-params.js';
import { toStrictJsonSchema, UnportableSchemaError } from './to-strict-json-schema.js';

type Node = { properties: Record<string, Node>; items: Node } & Record<string, unknown>;

describe('the JSON schemas the project sends', () => {
  it('cover every structured output named in src/', () => {
    expect(structuredOutputNamesInSource()).toEqual(PROJECT_STRUCTURED_OUTPUTS.map((o) => o.name).sort());
  });

  for (const output of PROJECT_STRUCTURED_OUTPUTS) {
    it(`${output.name}: passes OpenAI's strict-mode rules, launch and current limits`, () => {
      const schema = wireSchemaOf(output);
      expect(strictModeProblems(schema, LAUNCH_LIMITS)).toEqual([]);
      expect(strictModeProblems(schema, CURRENT_LIMITS)).toEqual([]);
    });

    it(`${output.name}: has no anyOf where a type array says the same`, () => {
      expect(grammarPortabilityProblems(wireSchemaOf(output))).toEqual([]);
    });
  }

  it('intents: nullable integers and enums are type arrays, with null in the enum', () => {
    const intents = PROJECT_STRUCTURED_OUTPUTS.find((o) => o.name === 'intents')!;
    const entities = (wireSchemaOf(intents) as Node).properties.intents!.items.properties.entities!
      .properties;
    expect(entities.yearMin).toEqual({ type: ['integer', 'null'] });
    expect(entities.pick).toMatchObject({ type: ['integer', 'null'] });
    expect(entities.transmission).toEqual({ type: ['string', 'null'], enum: ['automatic', 'manual', null] });
    expect(entities.salesAction).toEqual({
      type: ['string', 'null'],
      enum: ['visit', 'test_drive', 'reserve', 'buy', 'human', null],
    });
    expect(JSON.stringify(wireSchemaOf(intents))).not.toMatch(/anyOf|minimum|maximum|minItems|\$schema/);
  });
});

describe('ranges left out of the wire schema are still checked', () => {
  const call = (schema: z.ZodType) =>
    buildChatParams(
      { task: { name: 'intents', input: {} }, messages: [], output: { name: 'intents', schema } },
      'gpt-4o-mini',
      true,
    );
  const intents = PROJECT_STRUCTURED_OUTPUTS.find((o) => o.name === 'intents')!;
  const answer = (intent: Record<string, unknown>) =>
    JSON.stringify({
      intents: [{ type: 'greeting', confidence: 0.9, entities: emptyEntities(), ...intent }],
    });

  it('the runtime parser rejects a confidence above 1, a fractional year and an empty intents list', () => {
    const { parser } = call(intents.schema);
    expect(parser?.$parseRaw(answer({}))).toMatchObject({ intents: [{ type: 'greeting' }] });
    expect(() => parser?.$parseRaw(answer({ confidence: 7 }))).toThrow();
    expect(() => parser?.$parseRaw(answer({ entities: { ...emptyEntities(), yearMin: 2020.5 } }))).toThrow();
    expect(() => parser?.$parseRaw(JSON.stringify({ intents: [] }))).toThrow();
  });
});

describe('toStrictJsonSchema', () => {
  it('closes every object and requires every key', () => {
    const schema = toStrictJsonSchema(z.object({ a: z.object({ b: z.array(z.object({ c: z.string() })) }) }));
    expect(strictModeProblems(schema)).toEqual([]);
    expect(schema).toMatchObject({
      additionalProperties: false,
      properties: {
        a: { additionalProperties: false, properties: { b: { items: { additionalProperties: false } } } },
      },
    });
  });

  it('keeps descriptions and drops value constraints', () => {
    const schema = toStrictJsonSchema(
      z.object({
        n: z.number().int().min(1).max(9).nullable().describe('a digit'),
        s: z.string().min(2).email(),
      }),
    );
    expect(schema.properties).toEqual({
      n: { type: ['integer', 'null'], description: 'a digit' },
      s: { type: 'string' },
    });
  });

  it('says what to change for an optional key, which strict mode cannot express', () => {
    expect(() => toStrictJsonSchema(z.object({ a: z.string().optional() }))).toThrow(UnportableSchemaError);
    expect(() => toStrictJsonSchema(z.object({ a: z.string().optional() }))).toThrow(/use \.nullable\(\)/);
  });

  it('keeps anyOf only where no type array can say it', () => {
    const schema = toStrictJsonSchema(
      z.object({ o: z.object({ x: z.string() }).nullable(), u: z.union([z.string(), z.number()]) }),
    );
    expect(schema.properties).toMatchObject({
      o: { anyOf: [{ type: 'object', additionalProperties: false }, { type: 'null' }] },
      u: { type: ['string', 'number'] },
    });
  });
});

describe('the strict-mode rules checker', () => {
  it('flags what OpenAI rejects', () => {
    const open = { type: 'object', properties: { a: { type: 'string' } }, required: [] };
    expect(strictModeProblems(open)).toEqual([
      '$: objects need additionalProperties: false',
      '$.a: every property must be required',
    ]);
    expect(strictModeProblems({ anyOf: [{ type: 'object' }] })[0]).toMatch(/root must be type "object"/);
    const bounded = {
      type: 'object',
      properties: { n: { type: 'number', minimum: 0 } },
      required: ['n'],
      additionalProperties: false,
    };
    expect(strictModeProblems(bounded)).toEqual(['$.n: "minimum" is not supported']);
  });

  it('counts nesting and properties against the limits', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 6; i++)
      deep = { type: 'object', properties: { x: deep }, required: ['x'], additionalProperties: false };
    expect(strictModeProblems(deep, LAUNCH_LIMITS)).toEqual(['$.x.x.x.x.x: nesting level 6, the limit is 5']);
    expect(strictModeProblems(deep, CURRENT_LIMITS)).toEqual([]);
    const keys = Array.from({ length: 101 }, (_, i) => `k${i}`);
    const wide = {
      type: 'object',
      properties: Object.fromEntries(keys.map((k) => [k, { type: 'string' }])),
      required: keys,
      additionalProperties: false,
    };
    expect(strictModeProblems(wide, LAUNCH_LIMITS)).toEqual(['$: 101 object properties, the limit is 100']);
  });

  it('flags an anyOf of scalars as unportable to grammar engines', () => {
    expect(
      grammarPortabilityProblems({ properties: { y: { anyOf: [{ type: 'integer' }, { type: 'null' }] } } }),
    ).toEqual(['$.y: anyOf of scalars; use type: [T, "null"] (and enum: [..., null])']);
  });
});
