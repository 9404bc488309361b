import type { KavakConfig, RuntimeName } from './config/schema.js';
import { ConfigError } from '../support/errors.js';
import { createOfflineRuntime } from '../runtime/offline/offline-runtime.js';
import type { Vocabulary } from '../runtime/offline/nlu/index.js';
import { createLazyOpenAIRuntime } from '../runtime/openai/lazy-openai-runtime.js';
import { createReplayRuntime, withRecording } from '../runtime/record-replay.js';
import type { LanguageModelRuntime } from '../core/ports/language-model.js';

type RuntimeConfig = Pick<
  KavakConfig,
  'runtime' | 'model' | 'baseUrl' | 'apiKey' | 'timeoutMs' | 'maxRetries' | 'record' | 'replay'
>;

/** Every runtime a config can name; a new RuntimeName without its factory fails to compile. */
const RUNTIMES: Record<
  RuntimeName,
  (config: RuntimeConfig, options: RuntimeOptions) => LanguageModelRuntime
> = {
  offline: (_config, options) => createOfflineRuntime({ vocabulary: options.vocabulary }),
  openai: (config) =>
    createLazyOpenAIRuntime({
      apiKey: config.apiKey,
      baseURL: config.baseUrl,
      model: config.model,
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
    }),
  replay: () => {
    throw new ConfigError('The replay runtime needs a folder of recordings.', {
      hint: 'Pass --replay <dir> (made earlier with --record <dir>).',
    });
  },
};

export interface RuntimeOptions {
  vocabulary?: () => Vocabulary;
}

/** The runtime the config asks for, with --record wrapped around it. */
export function createRuntime(config: RuntimeConfig, options: RuntimeOptions = {}): LanguageModelRuntime {
  if (config.replay) {
    // `--replay DIR` alone replays OpenAI recordings; `--runtime offline --replay DIR` replays offline ones.
    const runtimeId = config.runtime === 'replay' ? 'openai' : config.runtime;
    return createReplayRuntime(config.replay, {
      runtimeId,
      model: config.model,
      ...serverOf(config, runtimeId),
    });
  }
  const runtime = RUNTIMES[config.runtime](config, options);
  return config.record ? withRecording(runtime, config.record, serverOf(config, runtime.id)) : runtime;
}

/** The server a runtime talks to, part of every stored answer's key; only the openai runtime has one. */
export function serverOf(config: Pick<KavakConfig, 'baseUrl'>, runtime: string): { baseUrl?: string } {
  return runtime === 'openai' && config.baseUrl ? { baseUrl: config.baseUrl } : {};
}
