import type { TurnOutcome } from '../results/schema.js';
import type { CaseRun } from './run-case.js';

/**
 * What the runner tells its listeners. The progress bar and reporters subscribe; the runner
 * never imports them. `run` is the repeat index (0-based) of a case run.
 */
export type EvalEvent =
  | { type: 'run_start'; cases: number; repeat: number; total: number }
  | { type: 'case_start'; caseId: string; run: number }
  | { type: 'turn_end'; caseId: string; run: number; turn: TurnOutcome }
  | {
      type: 'case_end';
      caseId: string;
      run: number;
      outcome: CaseRun;
      /** Case runs finished, all passed so far, and planned. */
      done: number;
      passed: number;
      total: number;
    }
  | {
      type: 'run_end';
      done: number;
      passed: number;
      total: number;
      stopped: string | null;
      durationMs: number;
    };

export type EvalEventListener = (event: EvalEvent) => void;
