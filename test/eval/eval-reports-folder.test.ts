import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunResultSchema } from '../../src/eval/results/schema.js';
import { kavak } from './eval-cli.js';
import { helloCase, tempDir, writeGoldenSet } from './eval-fixtures.js';

let stdout = '';
let stderr = '';
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

/** Two cases, one failing (its keyword never comes), on the offline runtime. */
const golden = () => writeGoldenSet([helloCase('ok'), helloCase('never', 'hola', ['zzzz'])]);

async function evalOffline(set: string, out: string, ...flags: string[]) {
  stdout = '';
  await kavak('--runtime', 'offline', 'eval', '--golden-set', set, '--out', out, '--no-progress', ...flags);
  return /^Reports: .*\/([^/\s]+)$/m.exec(stdout)?.[1] ?? '';
}

const runFolders = (out: string) =>
  readdirSync(out, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.isSymbolicLink())
    .map((d) => d.name)
    .sort();
const readRun = (file: string) => RunResultSchema.parse(JSON.parse(readFileSync(file, 'utf8')));

describe('the reports folder', () => {
  it('points latest only at full runs: a filtered run says so, and --rescore latest re-scores every case', async () => {
    const set = golden();
    const out = tempDir();
    const full = await evalOffline(set, out);
    const filtered = await evalOffline(set, out, '--filter', 'ok');
    expect(readlinkSync(join(out, 'latest'))).toBe(full);
    expect(existsSync(join(out, filtered, 'results.json'))).toBe(true);
    expect(stdout).toContain(`Reports: ${join(out, filtered)}`);
    expect(stdout.replace(/\n\s+/g, ' ')).toContain(`Not a full run (--filter ok): latest kept at ${full}`);

    const rescored = await evalOffline(set, out, '--rescore', join(out, 'latest', 'results.json'));
    expect(readRun(join(out, rescored, 'results.json')).cases.map((c) => c.id)).toEqual(['ok', 'never']);
    expect(readlinkSync(join(out, 'latest'))).toBe(rescored);
  });

  it('writes index.html listing every run with its pass rate over time, and nothing to load from the web', async () => {
    const set = golden();
    const out = tempDir();
    const first = await evalOffline(set, out);
    const second = await evalOffline(set, out, '--filter', 'ok');
    const third = await evalOffline(set, out, '--min-pass-rate', '0.9');
    expect(stdout).toContain(`All runs: ${join(out, 'index.html')}`);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const rows = [...html.matchAll(/<tr[^>]*><td>([^<]+)<\/td><td><a href="([^"]+)">[\s\S]*?<\/tr>/g)];
    expect(rows.map((r) => r[2])).toEqual([third, second, first].map((id) => `${id}/report.html`));
    const cells = (row: string) =>
      [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(cells(rows[0]![0]).slice(2)).toEqual(['50.0%', '1/2', '$0', '', 'fail']);
    expect(cells(rows[1]![0]).slice(2)).toEqual(['100.0%', '1/1', '$0', 'ok', 'pass']);
    expect(cells(rows[0]![0])[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    // The chart: one dot per full run (the filtered one is left out).
    const chart = /<svg[^>]*id="pass-rate-history"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(chart.match(/<circle/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('prunes old runs past --keep-runs, never the one latest points at, and says which', async () => {
    const set = golden();
    const out = tempDir();
    const full = await evalOffline(set, out, '--keep-runs', '2');
    const middle = await evalOffline(set, out, '--keep-runs', '2', '--filter', 'ok');
    const last = await evalOffline(set, out, '--keep-runs', '2', '--filter', 'ok');
    expect(runFolders(out)).toEqual([full, last].sort()); // names sort by second only
    expect(readlinkSync(join(out, 'latest'))).toBe(full);
    expect(stdout.replace(/\n\s+/g, ' ')).toContain(`Pruned 1 old run (keeping 2): ${middle}.`);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain(middle);
  });

  it('--output writes one file in the format its extension names, besides the run folder', async () => {
    const set = golden();
    const out = tempDir();
    const csv = join(tempDir(), 'turns.csv');
    const id = await evalOffline(set, out, '--output', csv);
    expect(stdout).toContain(`Wrote ${csv}`);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('case,turn,pass,scorers,cost_usd,latency_ms');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4))).toEqual([
      ['ok', '1', 'true', 'keywords=pass;whatsapp=pass'],
      ['never', '1', 'false', 'keywords=fail;whatsapp=pass'],
    ]);
    expect(existsSync(join(out, id, 'results.json'))).toBe(true);

    const json = join(tempDir(), 'run.json');
    await evalOffline(set, out, '--output', json);
    expect(readRun(json).cases).toHaveLength(2);
    const md = join(tempDir(), 'summary.md');
    await evalOffline(set, out, '--output', md);
    expect(readFileSync(md, 'utf8')).toMatch(/^# /);
    const html = join(tempDir(), 'report.html');
    await evalOffline(set, out, '--output', html);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);

    const before = runFolders(out).length;
    expect(
      await kavak('--runtime', 'offline', 'eval', '--golden-set', set, '--out', out, '--output', 'run.txt'),
    ).toBe(2);
    expect(stderr).toContain('--output: "run.txt" is not a .json, .csv, .md or .html file');
    expect(runFolders(out)).toHaveLength(before);
  });
});
