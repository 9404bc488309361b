import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UserInputError } from '../../support/errors.js';

/** A usage problem with --changed-prompts is a failed run (exit 2), like any bad flag. */
const RUN_FAILED = 2;

export interface ChangedFiles {
  /** The git checkout's top folder. */
  root: string;
  /** The commit the changes are counted from: the merge base of the ref and HEAD. */
  base: string;
  /** Absolute paths of files added, modified, deleted or renamed since `base`, committed or not. */
  files: string[];
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitRoot(cwd: string): string {
  try {
    return git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch {
    throw new UserInputError(`--changed-prompts: ${cwd} is not inside a git checkout.`, {
      hint: 'Run from a git clone of the project, or drop --changed-prompts to run the whole golden set.',
      exitCode: RUN_FAILED,
    });
  }
}

function commitOf(ref: string, root: string): string {
  try {
    return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root).trim();
  } catch {
    throw new UserInputError(`--changed-prompts: "${ref}" is not a commit, branch or tag of ${root}.`, {
      hint:
        'Fetch it first (git fetch origin main); in GitHub Actions check out with fetch-depth: 0 so ' +
        'origin/<base branch> exists.',
      exitCode: RUN_FAILED,
    });
  }
}

/** Where the branch left `ref`: a PR counts only its own changes, not what landed on main since. */
function mergeBase(commit: string, root: string): string {
  try {
    return git(['merge-base', commit, 'HEAD'], root).trim();
  } catch {
    // No common history (or no HEAD yet): compare with the ref itself.
    return commit;
  }
}

const splitNul = (out: string): string[] => out.split('\0').filter((name) => name !== '');

/**
 * Files under `folders` that differ from `ref`: what the branch committed since it left the ref,
 * plus staged, unstaged and untracked changes (a prompt edited and not yet committed counts).
 * Folders outside the checkout are skipped (nothing in git to compare them with).
 */
export function changedFilesSince(ref: string, folders: readonly string[], cwd: string): ChangedFiles {
  const start = folders.map((folder) => resolve(folder)).find((folder) => existsSync(folder)) ?? cwd;
  const root = gitRoot(start);
  const base = mergeBase(commitOf(ref, root), root);
  // Real paths: git reports the real one, and /tmp or a home folder may be a symlink.
  const real = (folder: string) => (existsSync(folder) ? realpathSync(folder) : resolve(folder));
  const inside = folders
    .map((folder) => ({ folder: resolve(folder), rel: relative(root, real(folder)) }))
    .filter(({ rel }) => rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)));
  if (inside.length === 0) return { root, base, files: [] };
  const pathspecs = ['--', ...inside.map(({ rel }) => (rel === '' ? '.' : rel))];
  // --no-renames: a renamed prompt counts under its old and its new name.
  const changed = splitNul(git(['diff', '--name-only', '--no-renames', '-z', base, ...pathspecs], root));
  const untracked = splitNul(git(['ls-files', '--others', '--exclude-standard', '-z', ...pathspecs], root));
  // Each file under the folder path the caller gave (not git's real path), so it compares equal
  // to the paths the golden set and the prompts were loaded from.
  const underFolder = (name: string): string => {
    const owner = inside
      .filter(({ rel }) => rel === '' || name.startsWith(`${rel}/`))
      .sort((x, y) => y.rel.length - x.rel.length)[0];
    return owner
      ? join(owner.folder, owner.rel === '' ? name : name.slice(owner.rel.length + 1))
      : join(root, name);
  };
  const files = [...new Set([...changed, ...untracked])].sort().map(underFolder);
  return { root, base, files };
}
