import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { KavakConfig } from '../../app/config/schema.js';
import { redactValue } from '../../support/redact.js';

/** Sortable and readable: 2025-06-01T14-03-22Z-3f9a. */
export function newRunId(at: Date = new Date()): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** HEAD of the git checkout in `cwd`, or null outside git (a tarball, a fresh npx install). */
export function gitCommit(cwd: string = process.cwd()): string | null {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return /^[0-9a-f]{40}$/.test(out.trim()) ? out.trim() : null;
  } catch {
    return null;
  }
}

/** The resolved config for the report: no API key (only whether one was set), every string redacted. */
export function reportableConfig(config: KavakConfig): Record<string, unknown> {
  const { apiKey, ...rest } = config;
  return { ...redactValue(rest), apiKeySet: apiKey !== undefined };
}
