import { Session } from 'node:inspector/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../../src/app/config/paths.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface HotFunction {
  /** "buildCarIndex (src/runtime/offline/nlu/car-index.ts:46)" */
  name: string;
  /** Share of the busy (non-idle) samples in the function itself. */
  selfPercent: number;
  /** Share of the busy samples in the function or anything it called. */
  totalPercent: number;
}

/**
 * Runs `work` under the V8 CPU profiler (what `node --cpu-prof` records) and returns the
 * functions with the most self and total time, so a missed target names its cause.
 */
export async function profileHotFunctions(
  work: () => Promise<void>,
  top = 14,
): Promise<{ self: HotFunction[]; total: HotFunction[] }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    await work();
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    return summarizeProfile(profile, top);
  } finally {
    session.disconnect();
  }
}

function label(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (!url.startsWith('file://')) return `${name} (${url || 'native'})`;
  const file = relative(packageRoot(), new URL(url).pathname);
  const line = functionName ? definitionLine(file, functionName) : undefined;
  return `${name} (${file}${line ? `:${line}` : ''})`;
}

const sources = new Map<string, string[]>();

/** tsx runs transformed code, so V8's line numbers are off: find the definition in the source. */
function definitionLine(file: string, name: string): number | undefined {
  let lines = sources.get(file);
  if (!lines) {
    try {
      lines = readFileSync(join(packageRoot(), file), 'utf8').split('\n');
    } catch {
      lines = [];
    }
    sources.set(file, lines);
  }
  const bare = name
    .split('.')
    .at(-1)!
    .replace(/[^\w$]/g, '');
  if (!bare) return undefined;
  const patterns = [
    new RegExp(`function\\*?\\s+${bare}\\b`),
    new RegExp(`(const|let|var)\\s+${bare}\\s*[=:]`),
    new RegExp(`^\\s*(async\\s+|static\\s+|private\\s+|readonly\\s+)*\\*?${bare}\\s*[(<]`),
    new RegExp(`^\\s*${bare}\\s*:`),
  ];
  for (const pattern of patterns) {
    const index = lines.findIndex((line) => pattern.test(line));
    if (index >= 0) return index + 1;
  }
  return undefined;
}

/** Top functions by self time, and our own (src/) by total time. */
export function summarizeProfile(
  profile: CpuProfile,
  top: number,
): { self: HotFunction[]; total: HotFunction[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // Shares of the time the process was busy: idle samples (waiting on I/O) are left out.
  const totalSamples =
    profile.nodes.reduce(
      (n, node) => n + (node.callFrame.functionName === '(idle)' ? 0 : (node.hitCount ?? 0)),
      0,
    ) || 1;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    self.set(label(node), (self.get(label(node)) ?? 0) + hits);
    // Count each function once per stack, however deep its recursion.
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const name = label(byId.get(id)!);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + hits);
    }
  }
  const ranked = (counts: Map<string, number>, skip: (name: string) => boolean) =>
    [...counts]
      .filter(([name]) => !skip(name))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name]) => ({
        name,
        selfPercent: pct(self.get(name) ?? 0),
        totalPercent: pct(total.get(name) ?? 0),
      }));
  const pct = (hits: number) => Math.round((hits / totalSamples) * 1000) / 10;
  const boring = (name: string) => /^\((root|idle)\)/.test(name);
  // Total time: only our own code, so the answer points at a function in src/.
  const ours = (name: string) => !name.includes('(src/');
  return { self: ranked(self, boring), total: ranked(total, ours) };
}

export interface ModuleTime {
  /** "node_modules/zod", "dist/core", "node:internal" … */
  module: string;
  selfMs: number;
}

/** Where a profile spent its self time, by package or source folder (for start-up costs). */
export function selfTimeByModule(
  profile: CpuProfile,
  top = 10,
): { totalMs: number; modules: ModuleTime[]; packages: string[] } {
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const samples = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
  const byModule = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits > 0)
      byModule.set(
        moduleOf(node.callFrame.url, node.callFrame.functionName),
        (byModule.get(moduleOf(node.callFrame.url, node.callFrame.functionName)) ?? 0) + hits,
      );
  }
  const modules = [...byModule]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([module, hits]) => ({ module, selfMs: Math.round((hits / samples) * totalMs) }));
  // Every package with code on any sampled stack: what the start-up loaded and ran.
  const packages = [
    ...new Set(
      profile.nodes
        .map((node) => moduleOf(node.callFrame.url, ''))
        .filter((m) => m.startsWith('node_modules/')),
    ),
  ];
  return {
    totalMs: Math.round(totalMs),
    modules,
    packages: packages.map((p) => p.slice('node_modules/'.length)).sort(),
  };
}

function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const path = url.startsWith('file://') ? relative(packageRoot(), new URL(url).pathname) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return `node_modules/${pkg[1]}`;
  const parts = path.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : path;
}

/** The .cpuprofile `node --cpu-prof --cpu-prof-dir <dir>` wrote (the first one found). */
export function readProfileDir(dir: string): CpuProfile | undefined {
  let name: string | undefined;
  try {
    name = readdirSync(dir).find((file) => file.endsWith('.cpuprofile'));
  } catch {
    return undefined;
  }
  return name ? (JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile) : undefined;
}

/** "fn (src/x.ts:12) 12.3% self / 40% total; …" */
export function formatHot(functions: readonly HotFunction[]): string {
  return functions.map((f) => `${f.name} ${f.selfPercent}% self / ${f.totalPercent}% total`).join('; ');
}
