import type { EvalEvent, EvalEventListener } from '../runner/events.js';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const BAR_WIDTH = 24;

/**
 * Listens to the runner. On a TTY: one bar redrawn in place (done/total, pass rate so far, ETA),
 * with failures printed above it as they happen. Elsewhere (CI logs): one plain line per case run.
 */
export function createProgressListener(
  out: ProgressOutput,
  now: () => number = () => performance.now(),
): EvalEventListener {
  const tty = out.isTTY === true;
  let started = now();
  let total = 0;
  let repeat = 1;
  let inFlight = 0;
  let done = 0;
  let passed = 0;
  let drawn = false;

  const clear = () => {
    if (tty && drawn) out.write('\r\x1b[2K');
    drawn = false;
  };
  const draw = (done: number, passed: number) => {
    if (!tty) return;
    const filled = total ? Math.round((done / total) * BAR_WIDTH) : 0;
    const rate = done ? `${Math.round((passed / done) * 100)}% passed` : '—';
    const eta = done && done < total ? ` · ETA ${clock(((now() - started) / done) * (total - done))}` : '';
    const line = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${done}/${total} · ${rate}${eta} · ${inFlight} running`;
    out.write(`\r\x1b[2K${line.slice(0, Math.max(20, (out.columns ?? 120) - 1))}`);
    drawn = true;
  };

  return (event: EvalEvent) => {
    switch (event.type) {
      case 'run_start':
        started = now();
        total = event.total;
        repeat = event.repeat;
        draw(0, 0);
        break;
      case 'case_start':
        inFlight += 1;
        draw(done, passed);
        break;
      case 'case_end': {
        inFlight -= 1;
        done = event.done;
        passed = event.passed;
        const { outcome } = event;
        const mark = outcome.status === 'passed' ? '✓' : outcome.status === 'failed' ? '✗' : '!';
        const run = repeat > 1 ? ` (run ${event.run + 1}/${repeat})` : '';
        const why =
          outcome.status === 'error'
            ? ` — ${outcome.error ?? ''}`
            : outcome.status === 'failed'
              ? ` — ${firstFailure(event)}`
              : '';
        if (!tty)
          out.write(
            `[${done}/${total}] ${mark} ${outcome.id}${run} ${(outcome.latencyMs / 1000).toFixed(1)}s${why}\n`,
          );
        else if (outcome.status !== 'passed') {
          clear();
          out.write(`${mark} ${outcome.id}${run}${why}\n`);
        }
        draw(done, passed);
        break;
      }
      case 'run_end':
        clear();
        out.write(
          `${event.done}/${event.total} case runs in ${clock(event.durationMs)} · ${event.passed} passed${event.stopped ? ` · stopped: ${event.stopped}` : ''}\n`,
        );
        break;
      case 'turn_end':
        break;
    }
  };
}

function firstFailure(event: Extract<EvalEvent, { type: 'case_end' }>): string {
  const turn = event.outcome.turns.find((t) => !t.pass);
  const score = turn?.scores.find((s) => !s.pass && !s.skipped);
  return turn && score ? `turn ${turn.index + 1} ${score.scorer}: ${score.reason}` : 'failed';
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
