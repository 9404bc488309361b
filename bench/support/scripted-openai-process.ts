/**
 * The scripted OpenAI-compatible server in its own process, so its work (the NLU behind every
 * intents answer) does not share the event loop or the CPU time of the process being measured.
 *
 *   const server = await spawnScriptedOpenAIServer({ delayMs: 200, catalog });
 *
 * As an entry point (`node --import tsx scripted-openai-process.ts <delayMs> [catalog.csv]`) it
 * prints `{"url": …}` once listening and stops when its parent closes stdin.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { minimalEnv, REPO, TSX } from './node-child.js';
import {
  startScriptedOpenAIServer,
  type CallCounts,
  type ScriptedOpenAIServer,
} from './scripted-openai-server.js';
import { catalogVocabulary } from './vocabulary.js';

const SELF = fileURLToPath(import.meta.url);

export async function spawnScriptedOpenAIServer(options: {
  delayMs: number;
  catalog?: string;
}): Promise<ScriptedOpenAIServer> {
  const child = spawn(
    process.execPath,
    ['--import', TSX, SELF, String(options.delayMs), ...(options.catalog ? [options.catalog] : [])],
    {
      cwd: REPO,
      env: minimalEnv(),
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) =>
      reject(new Error(`the scripted OpenAI server exited (${code}) before listening`)),
    );
  });
  const control = async (path: string): Promise<{ calls: CallCounts }> => {
    const response = await fetch(`${url.replace(/\/v1$/, '')}/__bench/${path}`, { method: 'POST' });
    return (await response.json()) as { calls: CallCounts };
  };
  return {
    url,
    calls: async () => (await control('calls')).calls,
    setDelay: async (ms) => void (await control(`delay?ms=${ms}`)),
    reset: async () => void (await control('reset')),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

async function serve(): Promise<void> {
  const [delay, catalog] = process.argv.slice(2);
  const server = await startScriptedOpenAIServer({
    delayMs: Number(delay ?? 0),
    vocabulary: catalog ? await catalogVocabulary(catalog) : undefined,
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => void server.close().then(() => process.exit(0)));
}

if (process.argv[1] === SELF) await serve();
