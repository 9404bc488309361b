import { failureReasons } from '../../compare/compare-runs.js';
import type { CaseOutcome, RunResult } from '../../results/schema.js';
import { runDurationMs } from '../aggregate.js';
import { attrs, seconds, xmlText } from './xml.js';

/** Transcript kept in <system-out> per failing case: enough to read in a CI log, bounded. */
const MAX_TRANSCRIPT_CHARS = 4_000;

/**
 * junit.xml: one <testsuite> per golden-set file, one <testcase> per golden case. A failed case
 * carries a <failure> with every failing turn and scorer; a crashed case an <error>. A judge
 * that was skipped (no judge model) never makes a case <skipped>: the case still has a result.
 */
export function renderJunitXml(run: RunResult): string {
  const files = new Map<string, CaseOutcome[]>();
  for (const c of run.cases) files.set(c.file, [...(files.get(c.file) ?? []), c]);
  const totals = counts(run.cases);
  const time = run.cases.reduce((ms, c) => ms + c.latencyMs, 0);
  const suites = [...files.entries()].map(([file, cases]) => renderSuite(run, file, cases));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'kavak eval', ...totals, skipped: 0, time: seconds(runDurationMs(run) || time), timestamp: run.startedAt })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function renderSuite(run: RunResult, file: string, cases: CaseOutcome[]): string {
  const time = cases.reduce((ms, c) => ms + c.latencyMs, 0);
  const properties = {
    runId: run.runId,
    gitCommit: run.gitCommit ?? undefined,
    runtime: run.runtime,
    model: run.model,
    judge: `${run.judge.runtime} ${run.judge.model} ×${run.judge.samples}`,
  };
  return [
    `  <testsuite${attrs({ name: file || 'golden-set', ...counts(cases), skipped: 0, time: seconds(time), timestamp: run.startedAt })}>`,
    '    <properties>',
    ...Object.entries(properties)
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([name, value]) => `      <property${attrs({ name, value })}/>`),
    '    </properties>',
    ...cases.map(renderCase),
    '  </testsuite>',
  ].join('\n');
}

function renderCase(outcome: CaseOutcome): string {
  const open = `    <testcase${attrs({
    classname: area(outcome),
    name: `${outcome.id}: ${outcome.title}`,
    time: seconds(outcome.latencyMs),
    file: outcome.file || undefined,
  })}`;
  if (outcome.status === 'passed') return `${open}/>`;

  const reasons = failureReasons(outcome);
  const body: string[] = [];
  if (outcome.status === 'error') {
    const error = outcome.error ?? 'the case crashed';
    const rest = reasons.filter((r) => r !== error);
    body.push(
      `      <error${attrs({ message: error, type: 'error' })}>${xmlText([error, ...rest].join('\n'))}</error>`,
    );
  } else {
    body.push(
      `      <failure${attrs(failureHead(outcome))}>${xmlText(reasons.join('\n') || 'a turn failed')}</failure>`,
    );
  }
  body.push(`      <system-out>${xmlText(transcript(outcome))}</system-out>`);
  return [`${open}>`, ...body, '    </testcase>'].join('\n');
}

/** "critical turn 1 (promises a discount): intents, keywords" or "turn 2: facts". */
function failureHead(outcome: CaseOutcome): { message: string; type: string } {
  const failed = outcome.turns.filter((t) => !t.pass);
  const critical = failed.some((t) => t.critical);
  const message = failed
    .map((t) => {
      const why = typeof t.critical === 'string' ? ` (${t.critical})` : '';
      const scorers = t.scores.filter((s) => !s.pass && !s.skipped).map((s) => s.scorer);
      return `${t.critical ? 'critical turn' : 'turn'} ${t.index + 1}${why}: ${scorers.join(', ') || 'failed'}`;
    })
    .join('; ');
  return { message: message || 'failed', type: critical ? 'critical' : 'failed' };
}

function transcript(outcome: CaseOutcome): string {
  const lines: string[] = [];
  if (outcome.repeats)
    lines.push(
      `passed ${outcome.repeats.passed}/${outcome.repeats.runs} runs${outcome.repeats.flaky ? ' (flaky)' : ''}`,
    );
  for (const t of outcome.turns) {
    lines.push(
      `[turn ${t.index + 1}] ${t.pass ? 'PASS' : 'FAIL'} ${t.score.toFixed(2)}`,
      `customer: ${t.user}`,
      `agent: ${t.reply}`,
    );
    const skipped = t.scores.filter((s) => s.skipped).map((s) => s.scorer);
    if (skipped.length) lines.push(`skipped (no judge model): ${skipped.join(', ')}`);
  }
  const text = lines.join('\n');
  return text.length > MAX_TRANSCRIPT_CHARS
    ? `${text.slice(0, MAX_TRANSCRIPT_CHARS)}\n… (truncated; see report.html)`
    : text;
}

/** The golden-set file's name ("golden-set/financing.yaml" → "financing"), else the first tag. */
function area(outcome: CaseOutcome): string {
  const base = outcome.file
    .split(/[\\/]/)
    .pop()
    ?.replace(/\.ya?ml$/i, '');
  return base || outcome.tags[0] || 'golden-set';
}

function counts(cases: CaseOutcome[]): { tests: number; failures: number; errors: number } {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.status === 'failed').length,
    errors: cases.filter((c) => c.status === 'error').length,
  };
}
