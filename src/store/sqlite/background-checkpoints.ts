import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { Db } from './database.js';

/**
 * WAL pages after which a commit on the serve's own connection checkpoints after all: only a
 * safety net, should the thread stop or fall behind (~40 MB of WAL at 4 KB pages). Under
 * sustained writes the thread never catches up to the very last frame, so SQLite cannot start
 * the WAL over; this is what bounds its size then, at one short checkpoint per this many pages.
 */
export const SAFETY_NET_PAGES = 10_000;
const DEFAULT_INTERVAL_MS = 100;
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1_000;

export interface BackgroundCheckpointOptions {
  /** How often the thread checkpoints (PASSIVE: it never waits for a reader or a writer). */
  intervalMs?: number;
  safetyNetPages?: number;
  /** Told of each pass that moved pages, and of a thread that failed (the safety net remains). */
  onPass?: (pass: CheckpointPass) => void;
  onError?: (error: Error) => void;
}

const CheckpointPassSchema = z.object({
  /** Frames in the WAL and how many of them are now in the database file. */
  walFrames: z.number().int(),
  checkpointed: z.number().int(),
  ms: z.number(),
});
export type CheckpointPass = z.infer<typeof CheckpointPassSchema>;

const ThreadMessageSchema = z.union([
  z.object({ kind: z.literal('pass'), pass: CheckpointPassSchema }),
  z.object({ kind: z.literal('error'), error: z.string() }),
]);

export interface BackgroundCheckpoints {
  /** Stops the thread and closes its connection, so the last close of `db` checkpoints and removes the WAL. */
  stop(): Promise<void>;
}

/**
 * Its own connection, in its own thread: CommonJS run by eval, so no file has to ship beside the
 * build; the driver is the one this module resolves.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = NORMAL');
let timer;
let told = '';
function pass() {
  try {
    const started = performance.now();
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    // Only passes that moved pages: an idle server's WAL stays as it was, already copied.
    const state = row.log + '/' + row.checkpointed;
    if (row.log > 0 && row.busy === 0 && state !== told) {
      told = state;
      parentPort.postMessage({ kind: 'pass', pass: { walFrames: row.log, checkpointed: row.checkpointed, ms: performance.now() - started } });
    }
  } catch (error) {
    parentPort.postMessage({ kind: 'error', error: String(error && error.message || error) });
  }
  timer = setTimeout(pass, workerData.intervalMs);
}
timer = setTimeout(pass, workerData.intervalMs);
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the event loop. By default SQLite checkpoints inside the commit that
 * takes the WAL past 1,000 pages: on the calling thread, copying the pages and syncing both files
 * (tens of ms), so every webhook ack queued behind that commit waits with it. Here a thread with
 * its own connection checkpoints every `intervalMs`, and the calling connection checkpoints only
 * past `safetyNetPages`. Nothing changes for durability: commits are the same, and a checkpoint
 * syncs as before. A `:memory:` or non-WAL database needs none.
 */
export function startBackgroundCheckpoints(
  db: Db,
  options: BackgroundCheckpointOptions = {},
): BackgroundCheckpoints {
  if (db.memory || String(db.pragma('journal_mode', { simple: true })) !== 'wal')
    return { stop: () => Promise.resolve() };
  const thread = new Worker(THREAD_SOURCE, {
    eval: true,
    // Not the parent's flags (a tsx loader, --cpu-prof): the thread runs plain CommonJS.
    execArgv: [],
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path: db.name,
      intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
    },
  });
  // A thread left running must not keep a CLI process alive.
  thread.unref();
  db.pragma(`wal_autocheckpoint = ${options.safetyNetPages ?? SAFETY_NET_PAGES}`);
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  // Back to SQLite's own checkpoints: after a stop, or should the thread die.
  const checkpointOnCommit = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  };
  thread.on('message', (raw: unknown) => {
    // A listener that threw would take the whole server down: what does not parse is dropped.
    const parsed = ThreadMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.kind === 'pass') options.onPass?.(message.pass);
    else options.onError?.(new Error(message.error));
  });
  thread.on('error', (error) => {
    checkpointOnCommit();
    options.onError?.(error);
  });
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        thread.postMessage('stop');
        const timeout = setTimeout(() => void thread.terminate(), 5_000);
        await exited;
        clearTimeout(timeout);
        checkpointOnCommit();
      })()),
  };
}
