import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../support/errors.js';
import { loadConfig } from './load-config.js';

function dirWith(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'kavak-config-'));
  writeFileSync(join(dir, 'kavak.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('loadConfig', () => {
  it('defaults to the offline runtime with no key and no file', () => {
    const config = loadConfig({}, {}, mkdtempSync(join(tmpdir(), 'kavak-empty-')));
    expect(config.runtime).toBe('offline');
    expect(config.catalog).toMatch(/data[/\\]catalog\.csv$/);
  });

  it('defaults to openai when OPENAI_API_KEY is set', () => {
    expect(loadConfig({}, { OPENAI_API_KEY: 'sk-test' }, mkdtempSync(join(tmpdir(), 'k-'))).runtime).toBe(
      'openai',
    );
  });

  it('layers file < env < flags', () => {
    const dir = dirWith({ model: 'from-file', runtime: 'openai', baseUrl: 'http://127.0.0.1:1/v1' });
    expect(loadConfig({}, {}, dir).model).toBe('from-file');
    expect(loadConfig({}, { KAVAK_MODEL: 'from-env' }, dir).model).toBe('from-env');
    expect(loadConfig({ model: 'from-flag' }, { KAVAK_MODEL: 'from-env' }, dir).model).toBe('from-flag');
    expect(loadConfig({ runtime: 'offline' }, { KAVAK_RUNTIME: 'openai' }, dir).runtime).toBe('offline');
  });

  it('names an unknown key', () => {
    expect(() => loadConfig({}, {}, dirWith({ modle: 'gpt-4o' }))).toThrow(/unknown key "modle"/);
  });

  it('names a bad value and its key', () => {
    expect(() => loadConfig({}, {}, dirWith({ timeoutMs: -5 }))).toThrow(/"timeoutMs"/);
    expect(() => loadConfig({}, {}, dirWith({ agents: { cars: { temperature: 9 } } }))).toThrow(
      /"agents\.cars\.temperature"/,
    );
  });

  it('refuses secrets in the file and says where they go', () => {
    try {
      loadConfig({}, {}, dirWith({ apiKey: 'sk-123' }));
      expect.fail('should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).hint).toMatch(/OPENAI_API_KEY/);
    }
  });

  it('rejects a bad env var naming it', () => {
    expect(() => loadConfig({}, { KAVAK_RUNTIME: 'gpt' }, mkdtempSync(join(tmpdir(), 'k-')))).toThrow(
      /KAVAK_RUNTIME.*offline, openai, replay/,
    );
  });

  it('reports invalid JSON', () => {
    expect(() => loadConfig({}, {}, dirWith('{ "model": "x", }'))).toThrow(/not valid JSON/);
  });

  it('fails on a missing explicit config file', () => {
    expect(() => loadConfig({ config: 'nope.json' }, {}, mkdtempSync(join(tmpdir(), 'k-')))).toThrow(
      /not found/,
    );
  });

  it('takes timeout and retries from flags and env, flags first, with documented defaults', () => {
    const dir = dirWith({ timeoutMs: 1000, maxRetries: 5 });
    const empty = mkdtempSync(join(tmpdir(), 'k-'));
    expect(loadConfig({}, {}, empty)).toMatchObject({ timeoutMs: 30_000, maxRetries: 2 });
    expect(loadConfig({}, {}, dir)).toMatchObject({ timeoutMs: 1000, maxRetries: 5 });
    const env = { KAVAK_TIMEOUT_MS: '4500', KAVAK_MAX_RETRIES: '0' };
    expect(loadConfig({}, env, dir)).toMatchObject({ timeoutMs: 4500, maxRetries: 0 });
    expect(loadConfig({ timeoutMs: '800', maxRetries: '1' }, env, dir)).toMatchObject({
      timeoutMs: 800,
      maxRetries: 1,
    });
  });

  it('refuses a timeout or retry count that is not a whole number in range, saying what it expects', () => {
    const empty = mkdtempSync(join(tmpdir(), 'k-'));
    expect(() => loadConfig({}, { KAVAK_TIMEOUT_MS: '30s' }, empty)).toThrow(
      'KAVAK_TIMEOUT_MS has a bad value "30s" (expected a whole number of milliseconds, at least 1).',
    );
    expect(() => loadConfig({ timeoutMs: '0' }, {}, empty)).toThrow(/--timeout-ms has a bad value "0"/);
    expect(() => loadConfig({}, { KAVAK_MAX_RETRIES: '11' }, empty)).toThrow(
      'KAVAK_MAX_RETRIES has a bad value "11" (expected a whole number from 0 to 10).',
    );
    expect(() => loadConfig({ maxRetries: '-1' }, {}, empty)).toThrow(/--max-retries has a bad value "-1"/);
  });
});
