import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * results.json of the newest run in a reports folder. Not `latest`: it moves only for full runs,
 * and tests run a few cases. By write time, since two runs may start within the run id's second.
 */
export function newestResultsFile(reportsDir: string): string {
  const newest = readdirSync(reportsDir)
    .filter((name) => name !== 'latest')
    .map((name) => join(reportsDir, name, 'results.json'))
    .filter((file) => existsSync(file))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    .at(-1);
  if (!newest) throw new Error(`no run in ${reportsDir}`);
  return newest;
}
