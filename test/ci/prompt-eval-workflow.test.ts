/**
 * .github/workflows/prompt-eval.yml, checked here since GitHub only reads it after a merge: it
 * parses, its steps are the recipe (full history, Node 20, npm ci, the response cache, main's
 * baseline, the gated eval, one sticky comment), every action is pinned, its shell and script
 * parse, and the kavak command it runs takes those flags (a --dry-run of the very command).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { packageRoot } from '../../src/app/config/paths.js';
import { buildPrComment, PR_COMMENT_MARKER } from '../../src/eval/ci/pr-comment.js';
import { runKavak } from '../helpers/run-kavak.js';
import { commitAll, makePromptRepo, touch } from '../eval/ci/prompt-repo.js';

const StepSchema = z.object({
  name: z.string().optional(),
  id: z.string().optional(),
  if: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  env: z.record(z.string(), z.string()).optional(),
});
const WorkflowSchema = z.object({
  on: z.object({
    pull_request: z.object({ paths: z.array(z.string()) }),
    push: z.object({ branches: z.array(z.string()) }),
  }),
  permissions: z.record(z.string(), z.string()),
  jobs: z.object({
    eval: z.object({ env: z.record(z.string(), z.string()), steps: z.array(StepSchema) }),
  }),
});
type Step = z.infer<typeof StepSchema>;

const workflowText = readFileSync(join(packageRoot(), '.github/workflows/prompt-eval.yml'), 'utf8');
const workflow = WorkflowSchema.parse(parse(workflowText));
const steps = workflow.jobs.eval.steps;
const using = (action: string): Step[] => steps.filter((s) => s.uses?.split('@')[0] === action);
const running = (text: string): Step => {
  const step = steps.find((s) => s.run?.includes(text));
  if (!step) throw new Error(`no step runs ${text}`);
  return step;
};
/** The kavak command lines of the run scripts, continuation lines joined. */
const kavakCommands = steps
  .flatMap((s) => (s.run ?? '').replace(/\\\n\s*/g, ' ').split('\n'))
  .map((line) => line.trim())
  .filter((line) => line.startsWith('npx kavak '));

describe('the prompt-eval GitHub workflow', () => {
  it('runs on pull requests touching prompts, rubrics or the golden set, and on pushes to main', () => {
    expect(workflow.on.pull_request.paths.sort()).toEqual(['golden-set/**', 'judges/**', 'prompts/**']);
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.permissions['pull-requests']).toBe('write');
  });

  it('pins every action to an exact version', () => {
    const actions = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(actions.length).toBeGreaterThanOrEqual(6);
    for (const action of actions) expect(action).toMatch(/@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
  });

  it('checks out the whole history, sets up Node 20 and installs with npm ci, in that order', () => {
    const checkout = using('actions/checkout')[0]!;
    const node = using('actions/setup-node')[0]!;
    const install = running('npm ci');
    expect(checkout.with?.['fetch-depth']).toBe(0);
    expect(node.with?.['node-version']).toBe(20);
    expect(steps.indexOf(checkout)).toBeLessThan(steps.indexOf(node));
    expect(steps.indexOf(node)).toBeLessThan(steps.indexOf(install));
  });

  it('restores .kavak/cache keyed on the prompts hash with a prefix fallback, and saves it after the eval', () => {
    const restore = using('actions/cache/restore')[0]!;
    const save = using('actions/cache/save')[0]!;
    expect(restore.with?.path).toBe('.kavak/cache');
    expect(workflow.jobs.eval.env.KAVAK_CACHE_DIR).toBe('.kavak/cache');
    const key = String(restore.with?.key);
    expect(key).toContain("hashFiles('prompts/**'");
    const prefix = String(restore.with?.['restore-keys']).trim();
    expect(key.startsWith(prefix)).toBe(true);
    expect(save.with?.path).toBe('.kavak/cache');
    expect(steps.indexOf(restore)).toBeLessThan(steps.indexOf(running('--changed-prompts')));
    expect(steps.indexOf(save)).toBeGreaterThan(steps.indexOf(running('--changed-prompts')));
  });

  it("compares a pull request with main's last successful results.json and gates on a regression", () => {
    const download = running('gh run download');
    expect(download.run).toContain('--status success');
    expect(download.run).toContain('--name eval-results');
    expect(download.run).toContain('--baseline baseline/results.json --fail-on-regression');
    const prEval = running('--changed-prompts');
    expect(prEval.run).toMatch(/npx kavak eval --runtime openai --changed-prompts "origin\/\$BASE_REF"/);
    expect(prEval.env?.BASE_REF).toBe('${{ github.base_ref }}');
    expect(workflow.jobs.eval.env.OPENAI_API_KEY).toBe('${{ secrets.OPENAI_API_KEY }}');
    const gate = steps.find((s) => s.name === 'Gate')!;
    expect(gate.run).toBe('exit "$CODE"');
    expect(gate.env?.CODE).toBe(`\${{ steps.${prEval.id}.outputs.code }}`);
  });

  it('on main runs the whole golden set and uploads results.json under the name pull requests download', () => {
    const full = steps.find((s) => s.if?.includes("github.event_name != 'pull_request'") && s.run)!;
    expect(full.run).toContain('npx kavak eval --runtime openai --out reports');
    expect(full.run).not.toContain('--changed-prompts');
    const upload = using('actions/upload-artifact').find((s) => s.with?.name === 'eval-results')!;
    expect(upload.if).toContain(`steps.${full.id}.outcome`);
    expect(full.run).toContain('results.json');
  });

  it('updates one sticky comment found by the marker kavak writes on the first line', async () => {
    const script = String(using('actions/github-script')[0]!.with?.script);
    const body = buildPrComment({ summaryMarkdown: '# summary\n', selectionLines: [] });
    expect(body.split('\n')[0]).toBe(PR_COMMENT_MARKER);
    // Run the script against a fake GitHub client: a second push edits the first comment.
    const comments: { id: number; body: string; user: { type: string } }[] = [];
    const github = {
      paginate: (_fn: unknown, _params: unknown) => Promise.resolve(comments),
      rest: {
        issues: {
          listComments: () => undefined,
          createComment: (p: { body: string }) => {
            comments.push({ id: comments.length + 1, body: p.body, user: { type: 'Bot' } });
            return Promise.resolve();
          },
          updateComment: (p: { comment_id: number; body: string }) => {
            comments.find((c) => c.id === p.comment_id)!.body = p.body;
            return Promise.resolve();
          },
        },
      },
    };
    const context = { repo: { owner: 'o', repo: 'r' }, payload: { pull_request: { number: 7 } } };
    const files = new Map([['comment.md', body]]);
    const fakeRequire = () => ({ readFileSync: (path: string) => files.get(path) });
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<void>;
    const post = new AsyncFunction('github', 'context', 'require', script);
    comments.push({ id: 100, body: 'a human comment', user: { type: 'User' } });
    await post(github, context, fakeRequire);
    files.set('comment.md', body.replace('# summary', '# summary, second push'));
    await post(github, context, fakeRequire);
    expect(comments.map((c) => c.body)).toEqual(['a human comment', expect.stringContaining('second push')]);
  });

  it('every run script is valid bash', () => {
    for (const step of steps.filter((s) => s.run)) {
      expect(() => execFileSync('bash', ['-n', '-c', step.run!], { stdio: 'pipe' }), step.name).not.toThrow();
    }
  });

  describe('the kavak commands it runs', () => {
    let help: string;
    beforeAll(async () => {
      // --runtime is a global flag: in `kavak --help`.
      help = (await runKavak(['eval', '--help'])).stdout + (await runKavak(['--help'])).stdout;
    });

    it('use only flags kavak eval has', () => {
      expect(kavakCommands.length).toBe(2);
      const flags = kavakCommands.flatMap((line) => line.match(/--[a-z][a-z-]*/g) ?? []);
      for (const flag of new Set(flags)) expect(help, flag).toContain(flag);
      for (const flag of ['--baseline', '--fail-on-regression']) expect(help).toContain(flag);
    });

    it("run as written in a pull request's checkout (as a --dry-run: no key, no model)", async () => {
      const dir = makePromptRepo();
      touch(dir, 'prompts/agents/cars.md');
      commitAll(dir, 'cars guide');
      const prCommand = kavakCommands.find((line) => line.includes('--changed-prompts'))!;
      const args = prCommand
        .replace(/^npx kavak /, '')
        .replace('"origin/$BASE_REF"', 'main')
        .replace(' $BASELINE_FLAGS', '')
        .split(/\s+/);
      const run = await runKavak([...args, '--dry-run'], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/prompts\/agents\/cars.md → \d+ cases/);
      expect(run.stdout).toContain('model calls');
    }, 60_000);
  });
});
