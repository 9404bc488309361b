import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/serve/helpers/serve-harness.js';
import { LoadGovernor } from './load-governor.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
function blockLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: the event loop cannot run timers or requests meanwhile
  }
}

describe('LoadGovernor', () => {
  let governor: LoadGovernor | undefined;
  afterEach(() => governor?.stop());

  it('runs fewer turns while the event loop lags, and more again once it is idle', async () => {
    governor = new LoadGovernor({ max: 16, sampleMs: 50, quietMs: 60_000 });
    governor.noteRequest();
    // Slow start: a quarter of the turns when webhooks begin after a quiet spell.
    expect(governor.limit).toBe(4);
    for (let i = 0; i < 6; i++) {
      blockLoop(60);
      await sleep(20);
    }
    const lowered = governor.limit;
    expect(lowered).toBeLessThan(16);
    expect(lowered).toBeGreaterThanOrEqual(1);
    // A busy CI machine lags too, so recovery is awaited, not timed.
    await eventually(() => governor!.limit > lowered, 20_000, 'a raised limit');
  });

  it('runs fewer turns while acks are slow with an idle event loop (the database or other processes busy), more once they are quick', async () => {
    governor = new LoadGovernor({ max: 16, sampleMs: 50, quietMs: 60_000 });
    // Acks slow for a few samples: the store waited (a transaction, a connection, the CPU).
    const slowUntil = performance.now() + 400;
    while (performance.now() < slowUntil) {
      governor.noteAck(80);
      await sleep(10);
    }
    const lowered = governor.limit;
    expect(lowered).toBeLessThanOrEqual(16 * 0.7);
    // Quick acks again: the limit grows back (awaited, not timed).
    await eventually(
      () => {
        governor!.noteAck(1);
        return governor!.limit > lowered;
      },
      20_000,
      'a raised limit',
    );
  });

  it('starts a burst after a quiet spell with a quarter of the turns, and grows to all of them while acks are quick', async () => {
    governor = new LoadGovernor({ max: 16, sampleMs: 20, quietMs: 60_000 });
    expect(governor.limit).toBe(16);
    governor.noteAck(1);
    expect(governor.limit).toBe(4);
    await eventually(
      () => {
        governor!.noteAck(1);
        return governor!.limit === 16;
      },
      20_000,
      'the full limit',
    );
  });

  it('does not throttle when no webhook request came in lately: the backlog drains at full speed', async () => {
    governor = new LoadGovernor({ max: 16, sampleMs: 50, quietMs: 200 });
    governor.noteRequest();
    for (let i = 0; i < 4; i++) {
      blockLoop(60);
      await sleep(20);
    }
    await sleep(250);
    expect(governor.limit).toBe(16);
  });
});
