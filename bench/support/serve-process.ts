/**
 * `kavak serve` in its own process for the webhook bench: the same serveCommand the CLI runs,
 * started through tsx on the sources (so it needs no build and no CLI registration), its logs
 * (JSON lines, info level as in production) written to a file.
 *
 * As an entry point: `node --import tsx serve-process.ts '<ServeOptions as JSON>'`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { minimalEnv, REPO, TSX } from './node-child.js';

const SELF = fileURLToPath(import.meta.url);

export interface ServeChild {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Sends SIGTERM (the server drains, then exits) and waits; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startServeChild(
  options: Record<string, unknown>,
  env: Record<string, string>,
  logFile: string,
  nodeArgs: string[] = [],
): Promise<ServeChild> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '--import',
      TSX,
      SELF,
      JSON.stringify({ ...options, host: '127.0.0.1', port, publicUrl: url }),
    ],
    {
      cwd: REPO,
      env: minimalEnv(env),
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  for (;;) {
    const state = await Promise.race([
      exited.then(() => 'exited' as const),
      fetch(`${url}/healthz`).then(
        (r) => (r.ok ? 'up' : 'down'),
        () => 'down' as const,
      ),
    ]);
    if (state === 'up') break;
    if (state === 'exited') throw new Error(`kavak serve exited before listening; see ${logFile}`);
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`kavak serve did not answer /healthz in 60 s; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    url,
    stop: async (graceMs = 30_000) => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

async function serve(): Promise<void> {
  const { serveCommand } = await import('../../src/cli/commands/serve.js');
  await serveCommand(JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof serveCommand>[0]);
}

if (process.argv[1] === SELF) await serve();
