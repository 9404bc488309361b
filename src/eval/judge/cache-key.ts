import { createHash } from 'node:crypto';
import { canonicalJson } from '../../runtime/recording/recording-key.js';
import type { JudgeInput } from './judge-input.js';
import type { Rubric } from './rubric.js';

/**
 * Key for a stored judge result: the rubric's hash (text + front matter), the judge runtime and
 * model, the sampling and threshold, and everything the judge sees. Change any → a new key.
 */
export function judgeCacheKey(parts: {
  rubric: Rubric;
  runtime: string;
  /** The judge model (the rubric's pinned model wins over the runtime's default). */
  model: string;
  samples: number;
  threshold?: number;
  input: JudgeInput;
}): string {
  const identity = {
    rubric: parts.rubric.name,
    rubricHash: parts.rubric.hash,
    runtime: parts.runtime,
    model: parts.rubric.model ?? parts.model,
    samples: parts.samples,
    threshold: parts.threshold ?? parts.rubric.threshold,
    input: parts.input,
  };
  return createHash('sha256').update(canonicalJson(identity)).digest('hex');
}
