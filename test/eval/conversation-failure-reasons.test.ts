import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunResultSchema, type CaseOutcome } from '../../src/eval/results/schema.js';
import { mdText } from '../../src/eval/reports/markdown/escape.js';
import type { ReportData } from '../../src/eval/reports/html/view-model.js';
import { newestResultsFile } from '../helpers/newest-run.js';
import { runKavak, type KavakRun } from '../helpers/run-kavak.js';
import { tempDir, writeGoldenSet } from './eval-fixtures.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A case whose every turn passes but whose whole conversation fails (the reached-visit rubric,
 * judged offline, and a custom conversation scorer): each report must say which one failed and why,
 * where a failing turn's reason would be — not point at a failing turn there is none of.
 */
describe('a case failed only by its whole-conversation scorers says why in every report', () => {
  const greeting = {
    id: 'greets-but-books-nothing',
    title: 'a greeting that never gets to a visit',
    tags: ['greeting'],
    judges: ['reached-visit'],
    turns: [{ user: 'hola', expect: { keywords: { any: ['hola'] } } }, { user: 'busco un auto familiar' }],
  };
  let run: KavakRun;
  let runDir: string;
  let outcome: CaseOutcome;
  /** "conversation · judge:reached-visit 0.00: <the judge's reason>" and the custom scorer's. */
  let reasons: { scorer: string; reason: string; line: string }[];

  beforeAll(async () => {
    const scorers = join(tempDir('kavak-conv-scorers-'), 'scorers');
    mkdirSync(scorers);
    writeFileSync(
      join(scorers, 'asks-name.mjs'),
      `export const scope = 'conversation';
export function score({ turns }) {
  const asked = turns.some((t) => t.role === 'agent' && /tu nombre/i.test(t.text));
  return { pass: asked, score: asked ? 1 : 0, reason: asked ? 'asked' : 'no reply asks for the name & <phone>' };
}`,
    );
    const out = tempDir('kavak-conv-reports-');
    const golden = writeGoldenSet([greeting]);
    run = await runKavak(
      [
        '--runtime',
        'offline',
        'eval',
        '--golden-set',
        golden,
        '--out',
        out,
        '--no-progress',
        '--scorers',
        scorers,
      ],
      // Wide enough that the failing-cases table does not clip the reason.
      { env: { COLUMNS: '220' } },
    );
    const file = newestResultsFile(out);
    runDir = dirname(file);
    outcome = RunResultSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).cases[0]!;
    const failed = (outcome.conversationScores ?? []).filter((s) => !s.pass);
    reasons = failed.map((s) => ({
      scorer: s.scorer,
      reason: s.reason,
      line: `conversation · ${s.scorer} ${s.score.toFixed(2)}: ${s.reason}`,
    }));
  }, 120_000);

  it('the case fails with every turn passing, on judge:reached-visit and custom:asks-name', () => {
    expect(run.stderr).toBe('');
    expect(outcome.status).toBe('failed');
    expect(outcome.turns.map((t) => t.pass)).toEqual([true, true]);
    expect(reasons.map((r) => r.scorer)).toEqual(['judge:reached-visit', 'custom:asks-name']);
    expect(reasons[0]!.reason).toMatch(/visit/);
  });

  it('the terminal names the rubric and its reason in the failing-cases table', () => {
    const table = run.stdout.slice(run.stdout.indexOf('Failing cases'));
    const row = table.split('\n').find((line) => line.includes(greeting.id))!;
    expect(row).toContain(reasons[0]!.line);
  });

  it('summary.md lists each failed conversation scorer with its reason under the chat', () => {
    const summary = readFileSync(join(runDir, 'summary.md'), 'utf8');
    const chat = summary.slice(summary.indexOf(`### ❌ \`${greeting.id}\``));
    const verdicts = chat.slice(chat.indexOf('**Whole conversation** · ❌'));
    expect(chat.indexOf('**Whole conversation** · ❌')).toBeGreaterThan(
      chat.indexOf('busco un auto familiar'),
    );
    for (const r of reasons) expect(verdicts).toContain(`- ❌ **${mdText(r.scorer)}** — ${mdText(r.reason)}`);
    // Run text is escaped for a PR comment.
    expect(verdicts).toContain('&amp; &lt;phone&gt;');
  });

  it("report.html carries the conversation verdicts in the case's data", () => {
    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    const island = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    const data = JSON.parse(island) as ReportData;
    // A golden-set run has no simulated-conversations section.
    expect(html).not.toContain('id="simulations"');
    const view = data.cases.find((c) => c.id === greeting.id)!;
    expect(view.conversationScores.filter((s) => !s.pass).map((s) => s.reason)).toEqual(
      reasons.map((r) => r.reason),
    );
    expect(view.failingScorers).toEqual(expect.arrayContaining(reasons.map((r) => r.scorer)));
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'report.html shows, after the last turn, each failed conversation scorer with its reason',
    async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
      });
      try {
        const page = await browser.newPage();
        await page.goto(pathToFileURL(join(runDir, 'report.html')).href);
        const chat = page.locator(`details.case[data-id="${greeting.id}"] .chat`);
        const shown = await chat.locator('.conversation-verdict .reasons li').allInnerTexts();
        expect(shown).toEqual(reasons.map((r) => r.line));
        // After the turns, where a failing turn's reasons would be.
        const text = await chat.innerText();
        expect(text.indexOf('Whole conversation')).toBeGreaterThan(text.indexOf('busco un auto familiar'));
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
