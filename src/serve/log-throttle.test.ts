import { describe, expect, it } from 'vitest';
import { createLogger } from '../support/logger.js';
import { throttledWarning } from './log-throttle.js';

describe('throttledWarning', () => {
  it('logs the first warning of a window, then one summary with the count of the rest', () => {
    const lines: string[] = [];
    const timers: (() => void)[] = [];
    const warning = throttledWarning(createLogger({ write: (l) => lines.push(l) }), 'webhook_forbidden', {
      intervalMs: 60_000,
      setTimer: (run) => (timers.push(run), {}),
    });
    for (let i = 0; i < 1_000; i++) warning.warn({ reason: 'no signature' });
    expect(lines.map((l) => JSON.parse(l).event as string)).toEqual(['webhook_forbidden']);

    timers.shift()!(); // the minute ends
    expect(JSON.parse(lines[1]!)).toMatchObject({
      event: 'webhook_forbidden_suppressed',
      count: 999,
      windowSeconds: 60,
    });
    warning.warn({ reason: 'bad signature' }); // a new window logs in full again
    timers.shift()!();
    expect(lines.map((l) => JSON.parse(l).event as string)).toEqual([
      'webhook_forbidden',
      'webhook_forbidden_suppressed',
      'webhook_forbidden',
    ]);
  });
});
