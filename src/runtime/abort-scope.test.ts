import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { abortScope } from './abort-scope.js';

// gc() without restarting vitest under --expose-gc (as in test/serve/soak.test.ts).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('abortScope', () => {
  it('follows its parent with the parent reason, and lets go of it when disposed', () => {
    const parent = new AbortController();
    const scope = abortScope(parent.signal);
    parent.abort(new Error('shutdown'));
    expect(scope.signal.aborted).toBe(true);
    expect((scope.signal.reason as Error).message).toBe('shutdown');

    const other = new AbortController();
    const disposed = abortScope(other.signal);
    disposed.dispose();
    other.abort(new Error('late'));
    expect(disposed.signal.aborted).toBe(false);
  });

  it('times out with a TimeoutError even when garbage is collected while it waits', async () => {
    const scope = abortScope(new AbortController().signal, { timeoutMs: 150 });
    const aborted = new Promise<unknown>((resolve) =>
      scope.signal.addEventListener('abort', () => resolve(scope.signal.reason), { once: true }),
    );
    const collecting = setInterval(gc, 10);
    try {
      const reason = await aborted;
      expect((reason as DOMException).name).toBe('TimeoutError');
    } finally {
      clearInterval(collecting);
      scope.dispose();
    }
  });

  it('does not fire after dispose (the timer is cleared)', async () => {
    const scope = abortScope(undefined, { timeoutMs: 20 });
    scope.dispose();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(scope.signal.aborted).toBe(false);
  });
});
