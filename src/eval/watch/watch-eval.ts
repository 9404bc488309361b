import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { KavakError } from '../../support/errors.js';
import { affectedCases, classifyChange, type EvalSourceFolders } from '../changed-prompts/affected-cases.js';
import type { LoadedCase } from '../golden-set/schema.js';

/** Editors write a file in bursts (temp file, rename, chmod): wait for the burst to end. */
export const DEFAULT_DEBOUNCE_MS = 250;
const MAX_LISTED_IDS = 20;

export interface WatchEvalInput {
  folders: EvalSourceFolders;
  /** One eval run: every case (undefined) or only these; resolves to the run's exit code. */
  run: (onlyCaseIds?: ReadonlySet<string>) => Promise<number>;
  /** The golden set as it is on disk now (after --filter). */
  loadCases: () => Promise<LoadedCase[]>;
  output: NodeJS.WritableStream;
  debounceMs?: number;
  /** Ends the watch; Ctrl-C does too. */
  signal?: AbortSignal;
}

/** Files the eval reads; editor swap and backup files are not. */
function isSource(name: string, extensions: RegExp): boolean {
  const base = name.split(/[\\/]/).pop() ?? '';
  return extensions.test(base) && !base.startsWith('.') && !base.endsWith('~');
}

function explain(error: unknown): string {
  if (KavakError.is(error)) return `kavak: ${error.message}${error.hint ? `\n  → ${error.hint}` : ''}`;
  return `kavak: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

const outcome = (code: number): string =>
  code === 0 ? 'gate passed' : code === 1 ? 'gate failed' : `run failed (exit ${code})`;

/**
 * `kavak eval --watch`: runs once, then after each change re-runs only the cases the changed
 * files can affect. A failed gate or a file that does not parse is printed and the watch goes on;
 * only Ctrl-C (or `signal`) ends it.
 */
export async function watchEval(input: WatchEvalInput): Promise<void> {
  const say = (line: string) => input.output.write(`${line}\n`);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));

  const safely = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      say(explain(error));
      say('watch: fix the file and save it again; still watching.');
    }
  };

  const rerun = async () => {
    const changed = [...pending];
    pending.clear();
    const changes = changed.map((path) => classifyChange(path, input.folders));
    const labels = changes.map((c) => c.label).join(', ');
    await safely(async () => {
      const { selected } = affectedCases(await input.loadCases(), changes);
      if (selected.length === 0) {
        say(`watch: ${labels} changed; no case uses it, nothing to re-run.`);
        return;
      }
      const ids = selected.map((c) => c.id);
      const listed = ids.slice(0, MAX_LISTED_IDS).join(', ') + (ids.length > MAX_LISTED_IDS ? ', …' : '');
      say(`watch: ${labels} changed → re-running ${ids.length} cases: ${listed}`);
      const code = await input.run(new Set(ids));
      say(`watch: re-ran ${ids.length} cases (${outcome(code)}): ${listed}`);
    });
    say('watch: waiting for changes (Ctrl-C to stop).');
  };

  const drain = () => {
    timer = undefined;
    if (stopped || running || pending.size === 0) return;
    running = rerun().finally(() => {
      running = undefined;
      if (stopped) finish();
      else if (pending.size > 0) drain();
    });
  };

  const onChange = (dir: string, extensions: RegExp) => (_event: string, name: string | Buffer | null) => {
    if (stopped || name === null || !isSource(name.toString(), extensions)) return;
    pending.add(join(dir, name.toString()));
    if (timer) clearTimeout(timer);
    timer = setTimeout(drain, input.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  };

  const watchers: FSWatcher[] = [];
  const folders: [string, RegExp][] = [
    [input.folders.prompts, /\.md$/i],
    [input.folders.judges, /\.md$/i],
    [input.folders.goldenSet, /\.ya?ml$/i],
  ];
  for (const [dir, extensions] of folders) {
    try {
      // Recursive: prompts/agents/*.md sit one level down (recursive works on Linux since Node 20).
      watchers.push(watch(dir, { recursive: true }, onChange(dir, extensions)));
    } catch (error) {
      say(`watch: cannot watch ${dir}: ${(error as Error).message}`);
    }
  }

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
    process.off('SIGINT', stop);
    say('watch: stopped.');
    if (!running) finish();
  };
  process.on('SIGINT', stop);
  input.signal?.addEventListener('abort', stop, { once: true });

  running = safely(async () => {
    const code = await input.run();
    say(`watch: first run done (${outcome(code)}).`);
  }).finally(() => {
    running = undefined;
    if (stopped) return finish();
    say(`watch: watching ${folders.map(([dir]) => dir).join(', ')} (Ctrl-C to stop).`);
    drain();
  });
  await done;
}
