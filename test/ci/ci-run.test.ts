/**
 * `.ci/run` itself, unchanged, with fake `npm` and `node` first on PATH: each records its
 * arguments, and `npm test` prints a vitest summary then exits with the code the test picks. A
 * failing suite must still get the closing "tests: N passed, N failed" line and the eval gate.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/app/config/paths.js';

function runCi(fake: { testsExit: number; evalExit: number; env?: Record<string, string> }) {
  const dir = mkdtempSync(join(tmpdir(), 'kavak-ci-run-'));
  mkdirSync(join(dir, '.ci'));
  cpSync(join(packageRoot(), '.ci/run'), join(dir, '.ci/run'));
  const bin = join(dir, 'fake-bin');
  mkdirSync(bin);
  const calls = join(dir, 'calls.log');
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> '${calls}'\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  script(
    'npm',
    `if [ "$1" = test ]; then
  echo "npm test sees KAVAK_TEST_PG_URL=$KAVAK_TEST_PG_URL" >> '${calls}'
  printf ' \\033[2mTests\\033[22m  \\033[31m2 failed\\033[39m | \\033[32m40 passed\\033[39m (42)\\n'
  exit ${fake.testsExit}
fi`,
  );
  script('node', `exit ${fake.evalExit}`);
  // Present, so .ci/run never reaches for apt-get.
  script('tmux', '');
  script('chromium', '');
  // The throwaway PostgreSQL, faked: it records start and stop and hands out a URL.
  mkdirSync(join(dir, 'scripts'));
  writeFileSync(
    join(dir, 'scripts/dev-postgres.sh'),
    `#!/bin/sh\necho "dev-postgres $*" >> '${calls}'\n[ "$1" = start ] && echo "export KAVAK_TEST_PG_URL=postgres://ci@127.0.0.1:54329/kavak_test"\nexit 0\n`,
  );
  chmodSync(join(dir, 'scripts/dev-postgres.sh'), 0o755);
  const run = spawnSync('bash', [join(dir, '.ci/run')], {
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir, ...fake.env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const lines = run.stdout.trim().split('\n');
  return { ...run, last: lines[lines.length - 1], calls: readFileSync(calls, 'utf8') };
}

describe('.ci/run', () => {
  it('when tests fail, still runs the eval gate, prints the closing line last, and exits non-zero', () => {
    const run = runCi({ testsExit: 1, evalExit: 0 });
    expect(run.calls).toMatch(/^node bin\/kavak\.js eval /m);
    expect(run.last).toBe('tests: 40 passed, 2 failed');
    expect(run.stderr).toContain('npm test exited 1');
    expect(run.status).toBe(1);
  });

  it('exits non-zero when only the eval gate fails, after the closing line', () => {
    const run = runCi({ testsExit: 0, evalExit: 1 });
    expect(run.last).toBe('tests: 40 passed, 2 failed');
    expect(run.stderr).toContain('the eval gate failed');
    expect(run.status).toBe(1);
  });

  it('exits 0 when both pass', () => {
    const run = runCi({ testsExit: 0, evalExit: 0 });
    expect(run.calls.split('\n')).toEqual(
      expect.arrayContaining(['npm ci --no-audit --no-fund', 'npm run lint', 'npm test']),
    );
    expect(run.status).toBe(0);
  });

  it('starts a throwaway PostgreSQL before the tests, gives them its URL, and stops it on exit', () => {
    const run = runCi({ testsExit: 1, evalExit: 0 });
    const calls = run.calls.split('\n');
    const started = calls.indexOf('dev-postgres start');
    expect(started).toBeGreaterThanOrEqual(0);
    expect(started).toBeLessThan(calls.indexOf('npm test'));
    expect(calls).toContain('npm test sees KAVAK_TEST_PG_URL=postgres://ci@127.0.0.1:54329/kavak_test');
    // Stopped last, after the eval gate, although the tests failed.
    expect(calls.filter(Boolean).at(-1)).toBe('dev-postgres stop');
  });

  it('uses the PostgreSQL a CI provides in KAVAK_TEST_PG_URL instead of starting one', () => {
    const url = 'postgres://svc@127.0.0.1:5432/ci';
    const run = runCi({ testsExit: 0, evalExit: 0, env: { KAVAK_TEST_PG_URL: url } });
    expect(run.calls).not.toContain('dev-postgres');
    expect(run.calls).toContain(`npm test sees KAVAK_TEST_PG_URL=${url}`);
    expect(run.status).toBe(0);
  });
});
