import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/app/config/paths.js';
import { RunResultSchema, type CaseOutcome, type RunResult } from '../../../src/eval/results/schema.js';
import { escapeHtml } from '../../../src/eval/reports/html/escape.js';
import { newestResultsFile } from '../../helpers/newest-run.js';
import { runKavak, type KavakRun } from '../../helpers/run-kavak.js';
import { tempDir } from '../eval-fixtures.js';

/**
 * `kavak eval simulate` offline, as a user runs it, with two bundled personas: Ernesto as
 * bundled (reaches his goal) and Sofía held to one turn (runs out of turns, fails). report.html
 * must let a prompt engineer read each conversation as one, the failing one first.
 */
describe('kavak eval simulate: the simulated conversations in the reports', () => {
  const SOFIA = 'Sofía & <Co>';
  let result: KavakRun;
  let run: RunResult;
  let runDir: string;
  let html: string;

  beforeAll(async () => {
    const personas = tempDir('kavak-sim-personas-');
    const bundled = (name: string) => readFileSync(join(packageRoot(), 'personas', name), 'utf8');
    writeFileSync(join(personas, 'formal-sedan-guadalajara.yaml'), bundled('formal-sedan-guadalajara.yaml'));
    writeFileSync(
      join(personas, 'primer-auto-cdmx.yaml'),
      bundled('primer-auto-cdmx.yaml')
        .replace(/^maxTurns: \d+$/m, 'maxTurns: 1')
        .replace(/^name: .*$/m, `name: "${SOFIA}"`),
    );
    const out = tempDir('kavak-sim-report-');
    result = await runKavak(
      ['--runtime', 'offline', 'eval', 'simulate', '--personas', personas, '--out', out, '--no-progress'],
      { env: { COLUMNS: '220' } },
    );
    const file = newestResultsFile(out);
    runDir = dirname(file);
    run = RunResultSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    html = readFileSync(join(runDir, 'report.html'), 'utf8');
  }, 120_000);

  const byId = (id: string) => run.cases.find((c) => c.id === id)!;
  const failedScores = (c: CaseOutcome) => (c.conversationScores ?? []).filter((s) => !s.pass);
  /** One conversation's part of the section, from its <details> to the next. */
  function conversationHtml(id: string): string {
    const section = html.slice(html.indexOf('<section class="card" id="simulations">'));
    const start = section.indexOf(`<details class="sim" data-persona="${id}"`);
    expect(start, `no conversation for ${id} in report.html`).toBeGreaterThanOrEqual(0);
    return section.slice(start, section.indexOf('</details>', start));
  }

  it('Sofía runs out of turns and fails; Ernesto reaches his goal', () => {
    expect(result.stderr).toBe('');
    // The run lists Ernesto first: the report, not the run, puts the failing one first.
    expect(run.cases.map((c) => c.id)).toEqual(['formal-sedan-guadalajara', 'primer-auto-cdmx']);
    expect(byId('primer-auto-cdmx')).toMatchObject({ status: 'failed', simulation: { ended: 'max-turns' } });
    expect(byId('formal-sedan-guadalajara')).toMatchObject({
      status: 'passed',
      simulation: { ended: 'goal' },
    });
  });

  it('report.html has a section per persona, the failing conversation first and open', () => {
    const sofia = html.indexOf(
      '<details class="sim" data-persona="primer-auto-cdmx" data-status="failed" open>',
    );
    const ernesto = html.indexOf(
      '<details class="sim" data-persona="formal-sedan-guadalajara" data-status="passed">',
    );
    expect(sofia).toBeGreaterThan(html.indexOf('id="simulations"'));
    expect(ernesto).toBeGreaterThan(sofia);
    expect(html).toContain('1 failing conversation first');
  });

  it('each section shows the persona and how the conversation ended', () => {
    const sofia = conversationHtml('primer-auto-cdmx');
    expect(sofia).toContain(`<b>${escapeHtml(SOFIA)} (primer-auto-cdmx)</b>`);
    expect(sofia).not.toContain(SOFIA);
    for (const fact of [
      'encontrar su primer auto, un hatchback automático de menos de 250 mil',
      '<dt>budget</dt><dd>$250,000 MXN</dd>',
      '<dt>city</dt><dd>Ciudad de México</dd>',
      'emojis: many · impatience: low',
      'ran out of turns · 1 of 1 turns',
    ])
      expect(sofia).toContain(fact);

    const ernesto = conversationHtml('formal-sedan-guadalajara');
    const turns = byId('formal-sedan-guadalajara').turns.length;
    expect(ernesto).toContain('<b>Ernesto (formal-sedan-guadalajara)</b>');
    expect(ernesto).toContain('<dt>city</dt><dd>Guadalajara</dd>');
    expect(ernesto).toContain(
      `goal reached · ${turns} of 8 turns — ${escapeHtml(byId('formal-sedan-guadalajara').simulation!.reason)}`,
    );
  });

  it('each section lists every whole-conversation verdict with its reason, and the transcript turn by turn', () => {
    for (const c of run.cases) {
      const part = conversationHtml(c.id);
      const scores = c.conversationScores ?? [];
      expect(scores.length, c.id).toBeGreaterThan(1);
      for (const s of scores) {
        expect(part, `${c.id} ${s.scorer}`).toContain(
          `<td>${escapeHtml(s.scorer)}</td><td class="${s.pass ? 'good' : 'bad'}">${s.pass ? '✓ pass' : '✗ fail'}</td><td>${s.score.toFixed(2)}</td><td>${escapeHtml(s.reason)}</td>`,
        );
      }
      // Customer, then agent, turn by turn, in order.
      let at = part.indexOf('<div class="chat">');
      for (const t of c.turns) {
        for (const text of [t.user, ...(t.trace?.messages.length ? t.trace.messages : [t.reply])]) {
          const next = part.indexOf(escapeHtml(text), at);
          expect(next, `${c.id} turn ${t.index + 1}: ${text.slice(0, 40)}`).toBeGreaterThan(at);
          at = next;
        }
      }
    }
    expect(failedScores(byId('primer-auto-cdmx')).map((s) => s.scorer)).toContain('persona:goal');
  });

  it('the terminal and summary.md name the failing persona and its failed rubric with the reason', () => {
    const sofia = byId('primer-auto-cdmx');
    const [first, ...rest] = failedScores(sofia);
    const row = result.stdout
      .slice(result.stdout.indexOf('Failing cases'))
      .split('\n')
      .find((line) => line.includes('primer-auto-cdmx'))!;
    expect(row).toContain(`conversation · ${first!.scorer} ${first!.score.toFixed(2)}: ${first!.reason}`);

    const summary = readFileSync(join(runDir, 'summary.md'), 'utf8');
    const chat = summary.slice(summary.indexOf('### ❌ `primer-auto-cdmx`'));
    expect(chat).toContain(
      '**Persona** Sofía &amp; &lt;Co&gt; (primer-auto-cdmx) · budget $250,000 MXN · Ciudad de México',
    );
    expect(chat).toContain('**Ended** ran out of turns · 1 of 1 turns');
    for (const s of [first!, ...rest]) expect(chat).toContain(`- ❌ **${s.scorer}** — ${s.reason}`);
    // Ernesto passed: not among the failing cases.
    expect(summary).not.toContain('### ❌ `formal-sedan-guadalajara`');
  });

  it('summary.md and report.html count the conversation rubrics as judges that ran', () => {
    const summary = readFileSync(join(runDir, 'summary.md'), 'utf8');
    const judged = run.cases
      .flatMap((c) => c.conversationScores ?? [])
      .filter((s) => s.scorer.startsWith('judge:') && !s.skipped).length;
    expect(judged).toBeGreaterThan(0);
    expect(summary).not.toContain('no judges');
    expect(html).toContain(`<div class="label">judges</div><div class="value">${judged} ran</div>`);
  });
});
