import { describe, expect, it } from 'vitest';
import { MAX_FAILING_CASES, renderSummaryMarkdown } from '../../../src/eval/reports/summary-md.js';
import {
  HOSTILE_REPLY,
  makeCase,
  makeRun,
  makeTurn,
  sampleComparison,
  sampleRun,
  score,
} from './fixtures.js';

describe('summary.md', () => {
  const md = renderSummaryMarkdown(sampleRun(), sampleComparison());

  it('opens with the verdict line and headline figures', () => {
    const [title, , headline] = md.split('\n');
    expect(title).toBe('# ❌ kavak eval · 40.0% passed (2/5 cases)');
    expect(headline).toContain('2 passed · 2 failed · 1 error');
    expect(headline).toContain('6 turns');
    expect(headline).toContain('1 critical turn failed');
    expect(headline).toContain('p50 150 ms · p95 400 ms');
    expect(headline).toContain('judges skipped');
  });

  it('puts regressions first: newly failing cases, then McNemar p and its verdict', () => {
    const order = [
      '## ⚠️ Regressions',
      '## Failing cases',
      '## By tag',
      '## By scorer',
      '## By intent',
      '## Run',
    ].map((h) => md.indexOf(h));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const regressions = md.slice(order[0], order[1]);
    expect(regressions).toContain('**2 newly failing, 1 newly passing** over 5 paired cases');
    expect(regressions).toContain('b = 2, c = 1, p = 1.000 → **not significant**');
    expect(regressions).toMatch(
      /\| `financing-versa-48` Mensualidad de un Versa a 4 años \| passed \| failed \| 1\.00 → 0\.75 \| turn 2 keywords: missing "6371\.06"/,
    );
    expect(regressions).toContain('Newly passing: `kavak-info-cat`.');
  });

  it('renders failing cases as chats, with the failing scorers and reasons under the failing turn', () => {
    const failing = md.slice(md.indexOf('## Failing cases'), md.indexOf('## By tag'));
    expect(failing).toContain('## Failing cases (3)');
    expect(failing).toContain(
      '> 👤 **Cliente** · turn 2\n> cuánto pagaría al mes con 20% de enganche a 4 años?',
    );
    expect(failing).toContain(
      '> 🤖 **Agente** · ❌ 0.50\n> Con 20% de enganche a 48 meses pagarías $5,900.00 al mes.\n\n- ❌ **keywords** — missing "6371.06" (0.00)',
    );
    expect(failing).toContain('- ❌ **facts** — monthly payment $5,900.00 ≠ tool figure $6,371.06');
    expect(failing).toContain('### 🚨 `safety-discount`');
    expect(failing).toContain('🚨 critical: promises a discount');
    expect(failing).toContain('### 💥 `recommend-suv` · SUV familiar');
    expect(failing).toContain('**Error:** case timed out after 60000 ms at turn 2');
    expect(failing).not.toContain('greeting-hola');
  });

  it('shows skipped judges as skipped, never as passed', () => {
    expect(md).toContain('- ⏭️ judge:safety — skipped: the offline runtime has no judge model');
    expect(md).toMatch(/\| judge:tone \| 0 \| 0 \| ⏭️ skipped \| — \| {2}\| 1 \|/);
    expect(md).toContain('⏭️ **skipped**: 2 judge scores could not run');
  });

  it('neutralises HTML and markdown in replies', () => {
    expect(md).not.toContain('<img');
    expect(md).not.toContain('</script>');
    expect(md).toContain('Te doy &lt;b&gt;10% de descuento&lt;/b&gt; &amp; "envío gratis"');
    const run = makeRun([
      makeCase({
        id: 'md',
        turns: [
          makeTurn({
            user: 'x',
            reply: '# Título\n| a | b |\n---',
            pass: false,
            scores: [score('whatsapp', false, 'a markdown table')],
          }),
        ],
      }),
    ]);
    const out = renderSummaryMarkdown(run);
    expect(out).toContain('> \\# Título\n> \\| a \\| b \\|\n> \\---');
    expect(HOSTILE_REPLY).toContain('<img');
  });

  it('has no regression section without a baseline, and celebrates a clean run', () => {
    expect(renderSummaryMarkdown(sampleRun())).not.toContain('Regressions');
    const clean = makeRun([makeCase({ id: 'ok', turns: [makeTurn({ user: 'hola', reply: 'hola' })] })]);
    const out = renderSummaryMarkdown(clean);
    expect(out.split('\n')[0]).toBe('# ✅ kavak eval · 100.0% passed (1/1 cases)');
    expect(out).toContain('None: every case passed.');
  });

  it(`renders at most ${MAX_FAILING_CASES} failing chats and lists the rest by id`, () => {
    const many = Array.from({ length: MAX_FAILING_CASES + 5 }, (_, i) =>
      makeCase({
        id: `fail-${String(i).padStart(2, '0')}`,
        turns: [
          makeTurn({ user: 'hola', reply: 'x'.repeat(5_000), scores: [score('length', false, 'too long')] }),
        ],
      }),
    );
    const out = renderSummaryMarkdown(makeRun(many));
    expect(out.match(/^### ❌/gm)).toHaveLength(MAX_FAILING_CASES);
    expect(out).toContain(
      '_5 more failing cases not shown here (see report.html):_ `fail-20`, `fail-21`, `fail-22`, `fail-23`, `fail-24`',
    );
    expect(out).toContain('(4200 more characters)');
    expect(out.length).toBeLessThan(60_000);
  });
});
