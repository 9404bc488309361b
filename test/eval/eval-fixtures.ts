import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/app/config/load-config.js';
import type { KavakConfig } from '../../src/app/config/schema.js';
import { emptyEntities } from '../../src/core/intents/schema.js';
import { ReplyTaskInputSchema } from '../../src/core/tasks.js';
import { createScriptedRuntime, type ScriptedRuntime } from '../../src/runtime/scripted.js';

export function tempDir(prefix = 'kavak-eval-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A golden-set folder with one file holding these cases (JSON is YAML too). */
export function writeGoldenSet(cases: unknown[], dir = tempDir('kavak-golden-')): string {
  writeFileSync(join(dir, 'test.yaml'), JSON.stringify({ cases }, null, 2));
  return dir;
}

/** A one-turn case whose reply must contain one of the words. */
export function helloCase(id: string, message = 'hola', any = ['hola']): unknown {
  return {
    id,
    title: `case ${id}`,
    tags: ['greeting'],
    turns: [{ user: message, expect: { keywords: { any } } }],
  };
}

/** Three labelled replies for `tone`: two good, one bad. */
export function writeLabelsFile(): string {
  const file = join(tempDir(), 'labels.yaml');
  const item = (id: string, good: boolean) => ({
    id,
    message: 'hola',
    facts: '(sin herramientas)',
    reply: good ? '¡Hola! ¿Qué auto buscas?' : 'ok',
    labels: { tone: good },
  });
  writeFileSync(
    file,
    JSON.stringify({ items: [item('good-1', true), item('good-2', true), item('bad-1', false)] }),
  );
  return file;
}

export function offlineConfig(): KavakConfig {
  return loadConfig({ runtime: 'offline', db: ':memory:' }, {}, tempDir());
}

export function openaiConfig(baseUrl: string): KavakConfig {
  return loadConfig(
    { runtime: 'openai', baseUrl, db: ':memory:' },
    { OPENAI_API_KEY: 'sk-test-not-a-real-key' },
    tempDir(),
  );
}

/**
 * A runtime for the pipeline's two tasks: every message is a greeting, and the reply is
 * `reply(message)` (default: the agents' own draft). `before` runs first on every call, to make
 * a call fail (throw) or hang (await) for chosen messages. Usage is per call.
 */
export function scriptedAgent(
  options: {
    before?: (message: string, task: string) => void | Promise<void>;
    reply?: (message: string) => string;
    usage?: { inputTokens: number; outputTokens: number };
    model?: string;
  } = {},
): ScriptedRuntime {
  const usage = options.usage ?? { inputTokens: 10, outputTokens: 5 };
  return createScriptedRuntime(
    async (request) => {
      const { message } = request.task.input as { message: string };
      await options.before?.(message, request.task.name);
      if (request.task.name === 'intents') {
        return {
          object: { intents: [{ type: 'greeting', confidence: 1, entities: emptyEntities() }] },
          usage,
        };
      }
      const input = ReplyTaskInputSchema.parse(request.task.input);
      return { text: options.reply ? options.reply(input.message) : input.draft, usage };
    },
    { model: options.model ?? 'gpt-4o-mini' },
  );
}
