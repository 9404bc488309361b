import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which of several identical calls this one is: the eval's repetition (--repeat) and the judge's
 * sample (--judge-samples). Stored answers are keyed by it, so repetition 2 never gets the
 * answer of repetition 0 — a cached answer repeated five times would measure nothing. Carried
 * in async context because the pipeline between the run loop and the model knows nothing of
 * repetitions. A slot that is already current is not entered again: the first run and the first
 * sample (most evals) never start the async context, whose hooks would then track every promise.
 */
export interface CallSlot {
  repetition: number;
  sample: number;
}

const slots = new AsyncLocalStorage<CallSlot>();

export function currentCallSlot(): CallSlot {
  return slots.getStore() ?? { repetition: 0, sample: 0 };
}

/** Runs `fn` with its model calls keyed as repetition `repetition` (0 = the first run). */
export function inRepetition<T>(repetition: number, fn: () => T): T {
  const current = currentCallSlot();
  return repetition === current.repetition ? fn() : slots.run({ ...current, repetition }, fn);
}

/** Runs `fn` with its model calls keyed as judge sample `sample` (0 = the first). */
export function inSample<T>(sample: number, fn: () => T): T {
  const current = currentCallSlot();
  return sample === current.sample ? fn() : slots.run({ ...current, sample }, fn);
}
