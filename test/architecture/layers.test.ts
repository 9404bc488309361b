import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The architecture as the compiler cannot check it: each folder of src/ imports only the folders
 * below it (STYLE.md, "Where things live"): cli → serve/eval/chat → telemetry → app → channels →
 * store → runtime → core → tools → support. Entry points build on app; nothing imports cli. A
 * test file may reach further for fixtures; production code may not.
 */
const BELOW_ENTRY_POINTS = ['telemetry', 'app', 'channels', 'store', 'runtime', 'core', 'tools', 'support'];
const LAYERS: Record<string, readonly string[]> = {
  cli: ['serve', 'eval', 'chat', ...BELOW_ENTRY_POINTS],
  serve: BELOW_ENTRY_POINTS,
  // chat saves a conversation as a golden-set case: it writes eval's file format.
  chat: ['eval', ...BELOW_ENTRY_POINTS],
  eval: BELOW_ENTRY_POINTS,
  // The OTLP exporter: an adapter the entry points plug in, on top of the app's wiring.
  telemetry: ['app', 'core', 'support'],
  app: ['channels', 'store', 'runtime', 'core', 'tools', 'support'],
  channels: ['core', 'tools', 'support'],
  store: ['core', 'tools', 'support'],
  runtime: ['core', 'tools', 'support'],
  core: ['tools', 'support'],
  tools: ['support'],
  support: [],
};

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function topFolder(path: string): string {
  return relative(src, path).split('/')[0]!;
}

describe('layers', () => {
  it('every src/ folder is placed in the layering', () => {
    const folders = readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !(folder in LAYERS))).toEqual([]);
  });

  it('no module imports a folder above its own', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(src)) {
      const from = topFolder(file);
      const allowed = new Set([from, ...(LAYERS[from] ?? [])]);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
        const target = resolve(dirname(file), match[1]!);
        if (!target.startsWith(src)) continue;
        const to = topFolder(target);
        if (!allowed.has(to)) violations.push(`${relative(src, file)} → ${relative(src, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
