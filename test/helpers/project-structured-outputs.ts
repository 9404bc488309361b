import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntentResultSchema } from '../../src/core/intents/schema.js';
import { VerdictSchema } from '../../src/eval/judge/verdict.js';
import { CustomerTurnSchema } from '../../src/eval/simulate/customer.js';
import { buildChatParams } from '../../src/runtime/openai/build-chat-params.js';
import type { StructuredOutput } from '../../src/core/ports/language-model.js';

/** Every structured output the project asks a model for (kept complete by a test that reads src/). */
export const PROJECT_STRUCTURED_OUTPUTS: StructuredOutput[] = [
  { name: 'customer_turn', schema: CustomerTurnSchema },
  { name: 'intents', schema: IntentResultSchema },
  { name: 'verdict', schema: VerdictSchema },
];

/** The JSON schema the OpenAI runtime puts on the wire for a structured output. */
export function wireSchemaOf(output: StructuredOutput): unknown {
  const { params } = buildChatParams(
    { task: { name: output.name, input: {} }, messages: [{ role: 'user', content: 'hola' }], output },
    'gpt-4o-mini',
    true,
  );
  const format = params.response_format;
  if (format?.type !== 'json_schema') throw new Error(`no json_schema response_format for ${output.name}`);
  return format.json_schema.schema;
}

/** Schema names that src/ passes as `schemaName: '…'` or `output: { name: '…'`. */
export function structuredOutputNamesInSource(root = 'src'): string[] {
  const names = new Set<string>();
  const pattern = /(?:schemaName:\s*|output:\s*\{\s*name:\s*)'([\w-]+)'/g;
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(pattern)) names.add(match[1]!);
  }
  return [...names].sort();
}
