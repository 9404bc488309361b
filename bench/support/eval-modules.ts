import { BenchUnavailableError } from '../harness/bench.js';

/** The eval runner's modules, loaded when a bench runs so a missing one is reported, not a crash. */
export async function loadEvalModules() {
  try {
    const [session, runner, order, cache] = await Promise.all([
      import('../../src/eval/runner/eval-session.js'),
      import('../../src/eval/runner/run-eval.js'),
      import('../../src/eval/runner/case-order.js'),
      import('../../src/eval/runner/response-cache-setup.js'),
    ]);
    return { ...session, ...runner, ...order, ...cache };
  } catch (error) {
    throw new BenchUnavailableError(
      `the eval runner (src/eval/runner) does not load: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
