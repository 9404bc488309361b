import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compareRuns, type Comparison } from '../compare/compare-runs.js';
import type { RunResult } from '../results/schema.js';
import { buildRunResult, type RunFacts } from '../runner/build-run-result.js';
import { summarizeRun, type RunSummary } from '../runner/summarize-run.js';
import type { VariantOutcome } from './run-variants.js';

/** One variant's results, with what the reports show of it. */
export interface VariantRun {
  name: string;
  /** Its overlay file, as given. */
  file: string;
  run: RunResult;
  summary: RunSummary;
  /** Its prompts folder (for the hint when every case failed). */
  prompts: string;
  /** Paired with the first variant, case by case; absent on the first. */
  comparison?: Comparison;
}

/** Where a variant's own results.json lives, relative to the run folder. */
export function variantResultsPath(name: string): string {
  return join('variants', name, 'results.json');
}

/**
 * Every variant's RunResult, each a complete results.json (usable with --baseline or --rescore),
 * compared with the first. The first also lists every variant: it is the run folder's own
 * results.json, the one the gate and --baseline read.
 */
export function buildVariantRuns(
  ran: readonly VariantOutcome[],
  facts: Omit<RunFacts, 'config' | 'agent'>,
): VariantRun[] {
  const index = ran.map(({ variant }) => ({
    name: variant.name,
    file: variant.file,
    results: variantResultsPath(variant.name),
  }));
  const runs = ran.map(({ variant, agent, outcome }) => ({
    ...buildRunResult(outcome, { ...facts, config: variant.config, agent }),
    variant: { name: variant.name, file: variant.file },
  }));
  const first = runs[0];
  if (!first) throw new RangeError('buildVariantRuns needs at least one variant');
  return ran.map(({ variant }, i) => ({
    name: variant.name,
    file: variant.file,
    run: i === 0 ? { ...first, variants: index } : runs[i]!,
    summary: summarizeRun(runs[i]!),
    prompts: variant.config.prompts,
    comparison: i === 0 ? undefined : compareRuns(first, runs[i]!),
  }));
}

/** variants/<name>/results.json for every variant, the first included (without the index). */
export function writeVariantResults(variants: readonly VariantRun[], runDir: string): string[] {
  return variants.map(({ name, run }) => {
    const { variants: _index, ...own } = run;
    const file = join(runDir, variantResultsPath(name));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(own, null, 2)}\n`);
    return file;
  });
}
