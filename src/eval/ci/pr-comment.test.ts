import { describe, expect, it } from 'vitest';
import { compareRuns } from '../compare/compare-runs.js';
import { many, run } from '../../../test/eval/run-fixtures.js';
import { buildPrComment, GITHUB_COMMENT_LIMIT, PR_COMMENT_MARKER } from './pr-comment.js';

const selectionLines = [
  'Changed since origin/main (1):',
  "  prompts/agents/financing.md → 4 cases · the financing agent's guide",
  'Selected 4 of 225 cases.',
];

describe('the pull-request comment', () => {
  it('starts with the marker the workflow finds it by, then the gate, the comparison and the selection', () => {
    const baseline = run([...many('fin', 4, 'passed'), ...many('other', 6, 'passed')]);
    const current = run(many('fin', 4, 'passed'));
    const body = buildPrComment({
      summaryMarkdown: '# ✅ kavak eval · 100% passed (4/4 cases)\n',
      selectionLines,
      comparison: compareRuns(baseline, current),
      verdict: { pass: true, exitCode: 0, failures: [], notes: [] },
    });
    expect(body.split('\n')[0]).toBe(PR_COMMENT_MARKER);
    expect(body).toContain('**Gate: ✅ passed**');
    expect(body).toContain('4 cases present in both runs compared; 6 baseline cases not run here');
    expect(body).toContain('<details><summary>Selected 4 of 225 cases.</summary>');
    expect(body).toContain("- prompts/agents/financing.md → 4 cases · the financing agent's guide");
    expect(body).toContain('# ✅ kavak eval · 100% passed (4/4 cases)');
  });

  it('lists why the gate failed', () => {
    const body = buildPrComment({
      summaryMarkdown: '# ❌\n',
      selectionLines,
      verdict: { pass: false, exitCode: 1, failures: ['significant regression against r1'], notes: [] },
    });
    expect(body).toContain('**Gate: ❌ failed**\n\n- significant regression against r1');
  });

  it("stays under GitHub's 65,536-character limit, says it cut summary.md, and closes what the cut left open", () => {
    const chat = '```\n' + 'cliente: hola\nagente: ¡Hola! '.repeat(400) + '\n```\n';
    const summary = `# ❌ kavak eval\n\n<details><summary>chats</summary>\n\n${chat.repeat(20)}</details>\n`;
    expect(summary.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const body = buildPrComment({ summaryMarkdown: summary, selectionLines });
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).toMatch(
      /summary\.md was cut to [\d,]+ of [\d,]+ characters to fit GitHub's 65,536-character/,
    );
    const beforeNote = body.slice(0, body.indexOf('> [!NOTE]'));
    expect(beforeNote.split('\n').filter((line) => line.startsWith('```')).length % 2).toBe(0);
    expect(beforeNote.match(/<details>/g)?.length).toBe(beforeNote.match(/<\/details>/g)?.length);
  });

  it('keeps a small summary whole', () => {
    const summary = 'x\n'.repeat(1000);
    const body = buildPrComment({ summaryMarkdown: summary, selectionLines: [] });
    expect(body.endsWith(summary)).toBe(true);
    expect(body).not.toContain('was cut');
  });
});
