import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as LlamaCpp from 'node-llama-cpp';
import { EOS_TOKEN, tokenForByte, writeByteVocabGguf } from './byte-vocab-gguf.js';

/**
 * node-llama-cpp's JSON-schema-to-GBNF converter and llama.cpp's grammar sampler, driven byte by
 * byte over a weightless vocabulary: does the grammar built from a schema let a model write this
 * text, and then stop? The sampler calls are node-llama-cpp internals (pinned at 3.21.1): its
 * public API only applies a grammar while a real model generates.
 */
export interface GrammarEngine {
  /**
   * Where the grammar first refuses the text: a byte offset, or text.length when the text may not
   * end there; undefined when a model could write exactly this text and stop.
   */
  firstRejectedByte(schema: unknown, text: string): Promise<number | undefined>;
  dispose(): Promise<void>;
}

interface Sampler {
  canBeNextTokenForGrammarEvaluationState(state: unknown, token: number): boolean;
  acceptGrammarEvaluationStateToken(state: unknown, token: number): void;
}

export async function loadGrammarEngine(): Promise<GrammarEngine | { unavailable: string }> {
  let llamaCpp: typeof LlamaCpp;
  let llama: LlamaCpp.Llama;
  try {
    llamaCpp = await import('node-llama-cpp');
    // Prebuilt CPU binary only: never build from source, never download anything.
    llama = await llamaCpp.getLlama({
      gpu: false,
      build: 'never',
      usePrebuiltBinaries: true,
      skipDownload: true,
      progressLogs: false,
      logLevel: llamaCpp.LlamaLogLevel.disabled,
    });
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'kavak-grammar-'));
  const modelPath = join(dir, 'byte-vocab.gguf');
  writeByteVocabGguf(modelPath);
  const model = await llama.loadModel({ modelPath, vocabOnly: true });
  const sampler = (llama as unknown as { _bindings: { AddonSampler: Sampler } })._bindings.AddonSampler;

  return {
    async firstRejectedByte(schema, text) {
      const grammar = await llama.createGrammarForJsonSchema(schema as never);
      const evaluation = new llamaCpp.LlamaGrammarEvaluationState({ model, grammar });
      const state = (evaluation as unknown as { _state: unknown })._state;
      const bytes = Buffer.from(text, 'utf8');
      for (let i = 0; i < bytes.length; i++) {
        const token = tokenForByte(bytes[i]!);
        if (!sampler.canBeNextTokenForGrammarEvaluationState(state, token)) return i;
        sampler.acceptGrammarEvaluationStateToken(state, token);
      }
      // node-llama-cpp's JSON grammars end in a stop trigger ("\n\n\n\n") that generation trims.
      const trigger =
        grammar.stopGenerationTriggers.map((t) => (Array.isArray(t) ? t.join('') : String(t)))[0] ?? '';
      for (const byte of Buffer.from(trigger, 'utf8')) {
        if (!sampler.canBeNextTokenForGrammarEvaluationState(state, tokenForByte(byte))) return bytes.length;
        sampler.acceptGrammarEvaluationStateToken(state, tokenForByte(byte));
      }
      return sampler.canBeNextTokenForGrammarEvaluationState(state, EOS_TOKEN) ? undefined : bytes.length;
    },
    async dispose() {
      await model.dispose();
      await llama.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
