/**
 * The CI gate as the workflow runs it: the built `kavak eval --changed-prompts <ref>` in a real
 * git checkout, compared with main's results.json. Exit 0 when nothing changed or nothing
 * regressed, 1 on a significant regression of the selected cases, 2 on a ref git does not know.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PR_COMMENT_MARKER } from '../../../src/eval/ci/pr-comment.js';
import { runKavak } from '../../helpers/run-kavak.js';
import {
  commitAll,
  FREE_ID,
  greetingFile,
  GREETING_IDS,
  makePromptRepo,
  newestRunCases,
  touch,
} from './prompt-repo.js';

const EVAL = [
  'eval',
  '--runtime',
  'offline',
  '--no-progress',
  '--golden-set',
  'golden-set',
  '--judges',
  'judges',
];

describe('kavak eval --changed-prompts in CI: exit codes', { timeout: 120_000 }, () => {
  let baseline: string;

  beforeAll(async () => {
    // main's last full run, as the workflow downloads it.
    const dir = makePromptRepo();
    const full = await runKavak([...EVAL, '--out', 'reports'], { cwd: dir });
    expect(full.code, full.stderr).toBe(0);
    baseline = join(mkdtempSync(join(tmpdir(), 'kavak-baseline-')), 'results.json');
    const runs = readdirSync(join(dir, 'reports')).filter(
      (name) => name !== 'latest' && !name.endsWith('.html'),
    );
    cpSync(join(dir, 'reports', runs[0]!, 'results.json'), baseline);
  });

  it('exits 0 without running when no prompt changed, and the comment says so', async () => {
    const dir = makePromptRepo();
    const run = await runKavak([...EVAL, '--changed-prompts', 'main', '--pr-comment', 'comment.md'], {
      cwd: dir,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'No prompt, rubric or golden-set file changed since main: nothing to evaluate.',
    );
    expect(existsSync(join(dir, 'reports'))).toBe(false);
    const comment = readFileSync(join(dir, 'comment.md'), 'utf8');
    expect(comment.startsWith(PR_COMMENT_MARKER)).toBe(true);
    expect(comment).toContain('No case was run');
  });

  it('exits 2 with a hint on a ref git does not know, and outside a git checkout', async () => {
    const dir = makePromptRepo();
    const run = await runKavak([...EVAL, '--changed-prompts', 'origin/main'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"origin/main" is not a commit, branch or tag');
    expect(run.stderr).toContain('fetch-depth: 0');

    const plain = mkdtempSync(join(tmpdir(), 'kavak-no-git-'));
    for (const folder of ['prompts', 'judges', 'golden-set'])
      cpSync(join(dir, folder), join(plain, folder), { recursive: true });
    writeFileSync(join(plain, 'kavak.config.json'), JSON.stringify({ prompts: 'prompts' }));
    const outside = await runKavak([...EVAL, '--changed-prompts', 'main'], { cwd: plain });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('is not inside a git checkout');
  });

  it('exits 0 on a prompt edit that regresses nothing; compares only the selected cases', async () => {
    const dir = makePromptRepo();
    touch(dir, 'prompts/agents/greeting.md');
    commitAll(dir, 'greeting guide');
    const run = await runKavak(
      [
        ...EVAL,
        '--changed-prompts',
        'main',
        '--baseline',
        baseline,
        '--fail-on-regression',
        '--pr-comment',
        'comment.md',
      ],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('prompts/agents/greeting.md → 8 cases');
    expect(run.stderr).toContain('compared 8 cases present in both runs; 3 baseline cases not run here');
    expect(newestRunCases(dir)).toEqual([...GREETING_IDS, FREE_ID].sort());
    const comment = readFileSync(join(dir, 'comment.md'), 'utf8');
    expect(comment).toContain('**Gate: ✅ passed**');
    expect(comment).toContain('8 cases present in both runs compared; 3 baseline cases not run here');
  });

  it('exits 1 when the selected cases regress significantly against main, 0 without --fail-on-regression', async () => {
    const dir = makePromptRepo();
    // Seven greeting cases that passed on main now fail: McNemar p = 0.016.
    writeFileSync(join(dir, 'golden-set/greeting.yaml'), greetingFile(['palabra-que-nunca-aparece']));
    commitAll(dir, 'stricter greetings');
    const gate = ['--changed-prompts', 'main', '--baseline', baseline, '--min-pass-rate', '0'];
    const regressed = await runKavak(
      [...EVAL, ...gate, '--fail-on-regression', '--pr-comment', 'comment.md'],
      {
        cwd: dir,
      },
    );
    expect(regressed.code, regressed.stderr).toBe(1);
    expect(regressed.stdout + regressed.stderr).toContain('significant regression');
    expect(newestRunCases(dir)).toEqual([...GREETING_IDS].sort());
    expect(readFileSync(join(dir, 'comment.md'), 'utf8')).toContain('**Gate: ❌ failed**');

    const tolerated = await runKavak([...EVAL, ...gate], { cwd: dir });
    expect(tolerated.code, tolerated.stderr).toBe(0);
  });
});
