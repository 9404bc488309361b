import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunReports, type ReportWriter } from '../../src/eval/reports/write-results.js';
import { RunResultSchema } from '../../src/eval/results/schema.js';
import { tempDir } from './eval-fixtures.js';
import { many, run } from './run-fixtures.js';

describe('writeRunReports', () => {
  it('writes results.json that validates, runs every writer and moves latest to the newest run', async () => {
    const out = tempDir();
    const summary: ReportWriter = (result, dir, extras) => {
      const file = join(dir, 'summary.md');
      writeFileSync(file, `# ${result.runId} ${extras.comparison ? 'compared' : ''}`);
      return Promise.resolve(file);
    };
    const first = await writeRunReports(run(many('a', 2, 'passed'), { runId: 'run-1' }), out, [summary]);
    expect(first.files).toEqual([join(out, 'run-1', 'results.json'), join(out, 'run-1', 'summary.md')]);
    expect(readlinkSync(join(out, 'latest'))).toBe('run-1');

    await writeRunReports(run(many('a', 2, 'failed'), { runId: 'run-2' }), out);
    expect(readlinkSync(join(out, 'latest'))).toBe('run-2');
    const latest = RunResultSchema.parse(
      JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')),
    );
    expect(latest.cases.map((c) => c.status)).toEqual(['failed', 'failed']);
    expect(existsSync(join(out, 'run-1', 'summary.md'))).toBe(true);
  });

  it('replaces a latest folder left by a system without symlinks', async () => {
    const out = tempDir();
    mkdirSync(join(out, 'latest'), { recursive: true });
    writeFileSync(join(out, 'latest', 'LATEST_RUN'), 'old\n');
    await writeRunReports(run([], { runId: 'run-3' }), out);
    expect(lstatSync(join(out, 'latest')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(out, 'latest', 'LATEST_RUN'))).toBe(false);
  });
});
