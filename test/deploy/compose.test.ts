/**
 * compose.yaml, checked without Docker (none runs here): valid against the Compose Specification
 * JSON schema (the copy dclint ships), clean under dclint's rules, and keeping its promises —
 * PostgreSQL with a volume and a health check, migrations before any replica, two replicas behind
 * the proxy, health checks on /healthz, and no secret written in the file.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/app/config/paths.js';

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
  restart?: string;
  stop_grace_period?: string;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, { content?: string }>;
}

const composePath = join(packageRoot(), 'compose.yaml');
const text = readFileSync(composePath, 'utf8');
// Compose resolves YAML merge keys (<<) before validating; so does this parse.
const compose = parse(text, { merge: true }) as ComposeFile;
const dclintDir = dirname(createRequire(import.meta.url).resolve('dclint/package.json'));

const serveReplicas = () => Object.entries(compose.services).filter(([, s]) => s.command?.[0] === 'serve');
/** `${NAME}`, `${NAME:-default}` or `${NAME:?message}`: a value the environment supplies. */
const INTERPOLATION = /^\$\{[A-Z][A-Z0-9_]*(?::?[-?][^}]*)?\}$/;

describe('compose.yaml', () => {
  it('is valid against the Compose Specification schema', () => {
    // Draft-07, Ajv's own dialect; its $schema URL (https, no '#') is not one Ajv has by that name.
    const { $schema: _dialect, ...schema } = JSON.parse(
      readFileSync(join(dclintDir, 'schemas/compose.schema.json'), 'utf8'),
    ) as { $schema: string };
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(compose), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('passes dclint (ordering rules aside: the file reads in start order)', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(dclintDir, 'bin/dclint.cjs'),
        composePath,
        '--color',
        'false',
        '--max-warnings',
        '0',
        '--disable-rule',
        'service-keys-order',
        'services-alphabetical-order',
        'top-level-properties-order',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('runs PostgreSQL 15 on a named volume with a pg_isready health check', () => {
    const postgres = compose.services.postgres!;
    expect(postgres.image).toMatch(/^postgres:15/);
    const [volume] = postgres.volumes!.map((v) => v.split(':'));
    expect(volume![1]).toBe('/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes ?? {})).toContain(volume![0]);
    expect(postgres.healthcheck!.test).toContain('pg_isready');
  });

  it('migrates once PostgreSQL is healthy, and starts the replicas only after the migration succeeded', () => {
    const migrate = compose.services.migrate!;
    expect(migrate.command).toEqual(['db', 'migrate']);
    expect(migrate.restart).toBe('no');
    expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const [, replica] of serveReplicas())
      expect(replica.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
  });

  it('runs two kavak serve replicas on PostgreSQL, health-checked on /healthz, both behind the proxy', () => {
    const replicas = serveReplicas();
    expect(replicas).toHaveLength(2);
    const upstreams = compose.configs!.nginx!.content!;
    for (const [name, replica] of replicas) {
      expect(replica.environment!.KAVAK_DB).toMatch(
        /^postgres:\/\/kavak:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/kavak$/,
      );
      expect(replica.healthcheck!.test.join(' ')).toContain('/healthz');
      expect(upstreams).toContain(`server ${name}:3000`);
      // docker stop's SIGKILL comes after the drain has had its time.
      expect(Number.parseInt(replica.stop_grace_period!, 10) * 1000).toBeGreaterThan(
        Number(replica.environment!.KAVAK_DRAIN_TIMEOUT_MS),
      );
    }
    expect(compose.services.proxy!.ports).toEqual(['127.0.0.1:${KAVAK_HTTP_PORT:-8080}:80']);
    // A single $ would be interpolated by Compose and break nginx's variables.
    expect(upstreams.replace(/\$\$/g, '')).not.toContain('$');
  });

  it('writes no secret: tokens, keys and passwords come from the environment', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/TOKEN|KEY|SECRET|PASSWORD|ACCOUNT_SID|HEADERS/.test(key))
          expect(value, `${name}.${key}`).toMatch(INTERPOLATION);
      }
    }
    expect(compose.services['kavak-1']!.environment).toMatchObject({
      TWILIO_AUTH_TOKEN: expect.stringMatching(INTERPOLATION),
      OPENAI_API_KEY: expect.stringMatching(INTERPOLATION),
    });
    expect(text).not.toMatch(/sk-[A-Za-z0-9_-]{8,}|AC[0-9a-f]{32}/);
  });
});
