/**
 * --changed-prompts: which cases a pull request's prompt, rubric and golden-set changes select, in
 * a real git checkout (commits on a branch, uncommitted and untracked edits, main moving on).
 */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { affectedCases, classifyChange } from '../../../src/eval/changed-prompts/affected-cases.js';
import { casesToRun } from '../../../src/eval/changed-prompts/select-cases.js';
import { loadGoldenSet } from '../../../src/eval/golden-set/load.js';
import { KavakError } from '../../../src/support/errors.js';
import {
  commitAll,
  FINANCING_IDS,
  FREE_ID,
  git,
  GREETING_IDS,
  makePromptRepo,
  TONE_IDS,
  touch,
} from './prompt-repo.js';

const ALL_IDS = [...FINANCING_IDS, ...GREETING_IDS, FREE_ID];

async function select(dir: string, ref = 'main', filter?: string) {
  const cases = await loadGoldenSet(join(dir, 'golden-set'), { filter });
  const chosen = casesToRun({
    cases,
    folders: {
      prompts: join(dir, 'prompts'),
      judges: join(dir, 'judges'),
      goldenSet: join(dir, 'golden-set'),
    },
    changedSince: ref,
    filtered: filter !== undefined,
    cwd: dir,
  });
  return { ids: chosen.cases.map((c) => c.id).sort(), text: chosen.lines.join('\n') };
}

function failure(fn: () => unknown): KavakError {
  try {
    fn();
  } catch (error) {
    if (KavakError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a KavakError');
}

describe('kavak eval --changed-prompts: the cases a change selects', () => {
  it('selects nothing, and says so, when no prompt changed since the ref', async () => {
    const dir = makePromptRepo();
    // A change outside prompts/, judges/ and golden-set/ selects nothing.
    touch(dir, 'kavak.config.json', '\n');
    commitAll(dir, 'config');
    const { ids, text } = await select(dir);
    expect(ids).toEqual([]);
    expect(text).toContain('No prompt, rubric or golden-set file changed since main: nothing to evaluate.');
  });

  it("an agent's prompt committed on the branch selects the cases expecting its intents, and the intent-free ones", async () => {
    const dir = makePromptRepo();
    touch(dir, 'prompts/agents/financing.md');
    commitAll(dir, 'financing guide');
    const { ids, text } = await select(dir);
    expect(ids).toEqual([...FINANCING_IDS, FREE_ID].sort());
    expect(text).toContain('prompts/agents/financing.md → 4 cases');
    expect(text).toContain('Selected 4 of 11 cases.');
  });

  it('a shared prompt edited and not committed (reply.md) selects every case', async () => {
    const dir = makePromptRepo();
    touch(dir, 'prompts/reply.md');
    const { ids, text } = await select(dir);
    expect(ids).toEqual([...ALL_IDS].sort());
    expect(text).toMatch(/prompts\/reply\.md → 11 cases · every case/);
  });

  it('a rubric selects the cases it judges; the judge prompt selects every judged case', async () => {
    const dir = makePromptRepo();
    touch(dir, 'judges/tone.md');
    expect((await select(dir)).ids).toEqual([...TONE_IDS].sort());
    git(dir, 'checkout', '-q', '--', 'judges/tone.md');
    touch(dir, 'prompts/judge.md');
    expect((await select(dir)).ids).toEqual([...TONE_IDS].sort());
  });

  it('a golden-set file selects its own cases, even untracked; --filter cuts the selection', async () => {
    const dir = makePromptRepo();
    writeFileSync(
      join(dir, 'golden-set/new.yaml'),
      JSON.stringify({ cases: [{ id: 'new-1', title: 'nuevo', turns: [{ user: 'hola' }] }] }),
    );
    touch(dir, 'golden-set/financing.yaml', '\n');
    expect((await select(dir)).ids).toEqual([...FINANCING_IDS, 'new-1'].sort());
    expect((await select(dir, 'main', 'fin-2,greet-1')).ids).toEqual(['fin-2']);
  });

  it("what landed on main after the branch left it is not the branch's change", async () => {
    const dir = makePromptRepo();
    touch(dir, 'prompts/agents/financing.md');
    commitAll(dir, 'branch: financing guide');
    git(dir, 'checkout', '-q', 'main');
    touch(dir, 'prompts/intents.md');
    commitAll(dir, 'main: intents prompt');
    git(dir, 'checkout', '-q', 'pr');
    expect((await select(dir)).ids).toEqual([...FINANCING_IDS, FREE_ID].sort());
  });

  it('an unknown ref and a folder outside git are usage errors (exit 2) that say what to do', () => {
    const dir = makePromptRepo();
    const badRef = failure(() =>
      casesToRun({
        cases: [],
        folders: {
          prompts: join(dir, 'prompts'),
          judges: join(dir, 'judges'),
          goldenSet: join(dir, 'golden-set'),
        },
        changedSince: 'origin/nope',
        filtered: false,
        cwd: dir,
      }),
    );
    expect(badRef.exitCode).toBe(2);
    expect(badRef.message).toContain('"origin/nope" is not a commit');
    expect(badRef.hint).toContain('fetch-depth: 0');

    const plain = mkdtempSync(join(tmpdir(), 'kavak-not-git-'));
    const notGit = failure(() =>
      casesToRun({
        cases: [],
        folders: { prompts: plain, judges: plain, goldenSet: plain },
        changedSince: 'main',
        filtered: false,
        cwd: plain,
      }),
    );
    expect(notGit.exitCode).toBe(2);
    expect(notGit.message).toContain('is not inside a git checkout');
  });

  it('finds the changed golden-set file when the checkout is reached through a symlink', async () => {
    const dir = makePromptRepo();
    touch(dir, 'golden-set/financing.yaml', '\n');
    const link = join(mkdtempSync(join(tmpdir(), 'kavak-link-')), 'checkout');
    symlinkSync(dir, link);
    expect((await select(link)).ids).toEqual([...FINANCING_IDS].sort());
  });

  it('a conversation rubric or the conversation judge prompt selects the cases naming it at case level', async () => {
    const dir = makePromptRepo();
    const cases = await loadGoldenSet(join(dir, 'golden-set'), { filter: 'greet-1,fin-1' });
    const greet = cases.find((c) => c.id === 'greet-1');
    const fin = cases.find((c) => c.id === 'fin-1');
    // Case-level judges: whole-conversation rubrics (a field of the golden set's schema to come).
    const judged = { ...fin!, judges: [{ name: 'reached-visit' }] };
    const folders = {
      prompts: join(dir, 'prompts'),
      judges: join(dir, 'judges'),
      goldenSet: join(dir, 'golden-set'),
    };
    for (const file of ['judges/reached-visit.md', 'prompts/judge-conversation.md']) {
      const change = classifyChange(join(dir, file), folders);
      expect(affectedCases([greet!, judged], [change]).selected.map((c) => c.id)).toEqual(['fin-1']);
    }
  });
});
