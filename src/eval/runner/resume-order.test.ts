import { describe, expect, it } from 'vitest';
import type { GenerateResult, LanguageModelRuntime } from '../../core/ports/language-model.js';
import { rankCalls, resumingInRankOrder } from './resume-order.js';

const answer: GenerateResult = {
  text: 'ok',
  usage: { inputTokens: 1, outputTokens: 1 },
  finishReason: 'stop',
  model: 'm',
  warnings: [],
};

/** A model whose answers all arrive together, when `release` is called. */
function waveModel(): { runtime: LanguageModelRuntime; release: () => void } {
  let release!: () => void;
  const arrived = new Promise<void>((resolve) => (release = resolve));
  const runtime: LanguageModelRuntime = {
    id: 'openai',
    model: 'm',
    generate: async () => {
      await arrived;
      return answer;
    },
    stream: () => {
      throw new Error('not used');
    },
  };
  return { runtime, release };
}

const call = (signal?: AbortSignal) => ({
  task: { name: 'reply', input: {} },
  messages: [{ role: 'user' as const, content: 'hola' }],
  signal,
});

describe('resumingInRankOrder', () => {
  it('resumes answers that arrive together best rank first, whatever order they were sent in', async () => {
    const { runtime, release } = waveModel();
    const ranked = resumingInRankOrder(runtime);
    const resumed: number[] = [];
    const calls = [5, 0, 3, 1].map((rank) => {
      const signal = new AbortController().signal;
      rankCalls(signal, rank);
      return ranked.generate(call(signal)).then(() => resumed.push(rank));
    });
    release();
    await Promise.all(calls);
    expect(resumed).toEqual([0, 1, 3, 5]);
  });

  it('lets a continuation run to its next call before the next case resumes', async () => {
    const { runtime, release } = waveModel();
    const ranked = resumingInRankOrder(runtime);
    const events: string[] = [];
    const caseRun = async (rank: number) => {
      const signal = new AbortController().signal;
      rankCalls(signal, rank);
      await ranked.generate(call(signal));
      events.push(`${rank} resumed`);
      await Promise.resolve(); // the continuation's own awaits, short of the next model call
      events.push(`${rank} done`);
    };
    const runs = [caseRun(2), caseRun(1)];
    release();
    await Promise.all(runs);
    expect(events).toEqual(['1 resumed', '1 done', '2 resumed', '2 done']);
  });

  it('does not hold calls it has no rank for', async () => {
    const { runtime, release } = waveModel();
    const ranked = resumingInRankOrder(runtime);
    release();
    await expect(ranked.generate(call())).resolves.toEqual(answer);
    await expect(ranked.generate(call(new AbortController().signal))).resolves.toEqual(answer);
  });
});
