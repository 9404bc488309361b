/**
 * Cold start: `kavak ask` on the embedded default loads only what it runs. Without an OTLP
 * endpoint it never loads the OpenTelemetry SDK or exporter (with one, it does); on SQLite and the
 * offline runtime it loads neither the twilio SDK, the PostgreSQL client, pg-boss, the openai SDK
 * nor Ink. A module-resolution hook records every package the CLI imports.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runKavak } from '../helpers/run-kavak.js';
import { startOtlpReceiver } from './otlp-receiver.js';

async function packagesLoadedBy(env: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kavak-lazy-'));
  const log = join(dir, 'resolved.log');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (!/^(\\.|\\/|node:|file:|data:)/.test(specifier)) appendFileSync(${JSON.stringify(log)}, specifier + '\\n');
  return next(specifier, context);
}\n`,
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
  const run = await runKavak(['ask', '--db', join(dir, 'kavak.db'), 'hola'], {
    env: {
      KAVAK_RUNTIME: 'offline',
      NODE_OPTIONS: `--import ${pathToFileURL(join(dir, 'register.mjs')).href}`,
      ...env,
    },
  });
  expect(run.code, run.stderr).toBe(0);
  return [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
}

describe('OpenTelemetry is loaded only when an endpoint is set', () => {
  it('kavak ask without OTEL_EXPORTER_OTLP_ENDPOINT imports no OpenTelemetry package', async () => {
    expect((await packagesLoadedBy({})).filter((name) => name.startsWith('@opentelemetry/'))).toEqual([]);
  });

  it('with the endpoint set, the SDK and the OTLP exporter are imported', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const loaded = await packagesLoadedBy({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
      expect(loaded).toEqual(
        expect.arrayContaining(['@opentelemetry/sdk-trace-base', '@opentelemetry/exporter-trace-otlp-http']),
      );
    } finally {
      await receiver.close();
    }
  });
});

describe('kavak ask on the embedded default loads no adapter it does not use', () => {
  it('imports neither twilio, pg, pg-boss, openai nor ink', async () => {
    const heavy = /^(twilio|pg|pg-boss|openai|ink|react)(\/|$)/;
    expect((await packagesLoadedBy({})).filter((name) => heavy.test(name))).toEqual([]);
  });
});
