/**
 * `kavak serve` and `kavak send` as real child processes (node + tsx on the sources, no build),
 * for the tests that kill, signal and restart the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TSX = import.meta.resolve('tsx');

/** The real CLI, run from source. */
export function cliEntry(): string {
  return join(REPO, 'src/cli/index.ts');
}

export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    LANG: 'C.UTF-8',
    TSX_TSCONFIG_PATH: join(REPO, 'tsconfig.json'),
    KAVAK_LOG_LEVEL: 'info',
    ...extra,
  };
}

/** How long a child may take to start or to run; generous, for a loaded 2-core CI machine. */
const PROCESS_DEADLINE_MS = 60_000;

export interface ServeProcess {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:41234/twilio/whatsapp, from the serve_listening log line. */
  webhookUrl: string;
  logs: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `kavak serve <args>` in a temp folder and resolves once it listens. */
export async function startServeProcess(
  args: string[],
  env: Record<string, string>,
  timeoutMs = PROCESS_DEADLINE_MS,
): Promise<ServeProcess> {
  const cwd = mkdtempSync(join(tmpdir(), 'kavak-serve-proc-'));
  const child = spawn(
    process.execPath,
    ['--import', TSX, cliEntry(), 'serve', '--host', '127.0.0.1', '--port', '0', ...args],
    {
      cwd,
      env: baseEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const webhookUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`kavak serve did not start in ${timeoutMs} ms:\n${logs.join('\n')}`)),
      timeoutMs,
    );
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        logs.push(line);
        if (line.includes('"serve_listening"')) {
          clearTimeout(timer);
          resolveUrl(`${(JSON.parse(line) as { url: string }).url}/twilio/whatsapp`);
        }
      }
    });
    child.stdout.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`kavak serve exited (${code ?? signal}) before listening:\n${logs.join('\n')}`));
    });
  });
  return { child, webhookUrl, logs, exited };
}

/** Runs a kavak command to completion: exit code, stdout, stderr. */
export function runKavak(
  args: string[],
  env: Record<string, string>,
  timeoutMs = PROCESS_DEADLINE_MS,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'kavak-cli-'));
  const child = spawn(process.execPath, ['--import', TSX, cliEntry(), ...args], {
    cwd,
    env: baseEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((done) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    }),
  );
}
