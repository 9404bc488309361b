/**
 * The open-loop load generator in its own process, so the latencies it measures are not those
 * of the bench process's event loop (which also runs the fake Twilio the replicas send to, and
 * holds every result so far on its heap).
 *
 *   const { warmUp, load } = await offerOpenLoopInChild(settings, warmUpSeconds);
 *
 * The warm-up runs first in the same process (the generator's code is compiled by then too).
 *
 * As an entry point it reads its settings as JSON on stdin and writes the result as JSON on stdout.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { minimalEnv, REPO, TSX } from './node-child.js';
import { offerOpenLoop, type OpenLoopResult, type OpenLoopSettings } from './open-loop-load.js';
import { CustomerSequence } from './twilio-load.js';

const SELF = fileURLToPath(import.meta.url);

type ChildSettings = Omit<OpenLoopSettings, 'customers'> & { firstCustomer: number; warmUpSeconds: number };

export interface ChildOpenLoopResult {
  warmUp: OpenLoopResult;
  load: OpenLoopResult;
  /** CPU the generator process used during the measured load, ms. */
  generatorCpuMs: number;
}

export async function offerOpenLoopInChild(
  settings: OpenLoopSettings,
  warmUpSeconds: number,
): Promise<ChildOpenLoopResult> {
  const { customers, ...rest } = settings;
  const total = Math.round(settings.rate * (settings.seconds + warmUpSeconds)) + 1;
  const input: ChildSettings = { ...rest, warmUpSeconds, firstCustomer: customers.reserve(total) };
  const child = spawn(process.execPath, ['--import', TSX, SELF], {
    cwd: REPO,
    env: minimalEnv(),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), (settings.seconds + warmUpSeconds + 120) * 1000);
  child.stdin.end(JSON.stringify(input));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the open-loop generator exited with ${code}`);
  return JSON.parse(out) as ChildOpenLoopResult;
}

async function generate(): Promise<void> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const { firstCustomer, warmUpSeconds, ...settings } = JSON.parse(text) as ChildSettings;
  const customers = new CustomerSequence(firstCustomer);
  const warmUp = await offerOpenLoop({ ...settings, seconds: warmUpSeconds, customers });
  const before = process.cpuUsage();
  const load = await offerOpenLoop({ ...settings, customers });
  const cpu = process.cpuUsage(before);
  const output: ChildOpenLoopResult = { warmUp, load, generatorCpuMs: (cpu.user + cpu.system) / 1000 };
  process.stdout.write(JSON.stringify(output));
}

if (process.argv[1] === SELF) await generate();
