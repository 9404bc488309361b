import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchReport, Machine, ResultsFile } from './report.js';
import { ResultsFileSchema } from './report.js';

/**
 * Writes results.json. A run of some benches keeps the other benches' latest figures, so
 * `npm run bench -- webhook` does not erase the rest; each bench records when it ran.
 */
export function writeResults(
  path: string,
  machine: Machine,
  command: string,
  reports: readonly BenchReport[],
): ResultsFile {
  const previous = readPrevious(path);
  const benches = { ...previous?.benches };
  for (const report of reports) benches[report.name] = report;
  const file: ResultsFile = { machine, command, benches };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return file;
}

function readPrevious(path: string): ResultsFile | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = ResultsFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
