import { describe, expect, it } from 'vitest';
import { parseServeSettings, resolveServeSetup, trustProxyValue } from './settings.js';

const SID = `AC${'1'.repeat(32)}`;

describe('serve settings', () => {
  it('fills defaults, reads HOST and PORT, and names a bad flag', () => {
    expect(parseServeSettings({}, {})).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      reply: 'rest',
      concurrency: 4,
    });
    expect(parseServeSettings({ port: '8080' }, { HOST: '0.0.0.0', PORT: '9000' })).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
    });
    expect(() => parseServeSettings({ concurrency: 'many' }, {})).toThrow(/--concurrency/);
    expect(() => parseServeSettings({ publicUrl: 'ftp://x' }, {})).toThrow(/--public-url/);
  });

  it('runs web and worker by default; takes the role and the PostgreSQL queue from flags or KAVAK_*', () => {
    expect(parseServeSettings({}, {})).toMatchObject({ role: 'all', leaseMs: 15_000 });
    expect(
      parseServeSettings({ role: 'worker' }, { KAVAK_QUEUE_DB: 'postgres://kavak@db.internal/kavak' }),
    ).toMatchObject({ role: 'worker', queueDb: 'postgres://kavak@db.internal/kavak' });
    expect(() => parseServeSettings({}, { KAVAK_ROLE: 'both' })).toThrow(/KAVAK_ROLE/);
    expect(() => parseServeSettings({ queueDb: 'mysql://db' }, {})).toThrow(
      /--queue-db has a bad value: a postgres:\/\/ URL/,
    );
  });

  it('leaves the ack timeout to the store unless --ack-timeout-ms or KAVAK_ACK_TIMEOUT_MS sets it', () => {
    expect(parseServeSettings({}, {}).ackTimeoutMs).toBeUndefined();
    expect(parseServeSettings({}, { KAVAK_ACK_TIMEOUT_MS: '500' }).ackTimeoutMs).toBe(500);
    expect(parseServeSettings({ ackTimeoutMs: '100' }, { KAVAK_ACK_TIMEOUT_MS: '500' }).ackTimeoutMs).toBe(
      100,
    );
    // Past Twilio's 15 s the ack would be too late to matter.
    expect(() => parseServeSettings({ ackTimeoutMs: '20000' }, {})).toThrow(/--ack-timeout-ms/);
  });

  it('takes defaults from KAVAK_* variables (the container image sets them); a flag wins', () => {
    const env = {
      KAVAK_DRAIN_TIMEOUT_MS: '8000',
      KAVAK_CONCURRENCY: '8',
      KAVAK_PUBLIC_URL: 'https://bot.example.com',
    };
    // What `docker run … kavak serve --public-url …` does: a flag replaces one value, not the rest.
    expect(parseServeSettings({ publicUrl: 'https://other.example.com' }, env)).toMatchObject({
      drainTimeoutMs: 8000,
      concurrency: 8,
      publicUrl: 'https://other.example.com',
    });
    expect(parseServeSettings({ concurrency: '2' }, env).concurrency).toBe(2);
    expect(() => parseServeSettings({}, { KAVAK_DRAIN_TIMEOUT_MS: 'soon' })).toThrow(
      /KAVAK_DRAIN_TIMEOUT_MS/,
    );
    expect(() => parseServeSettings({ sweepIntervalMs: '1' }, {})).toThrow(/--sweep-interval-ms/);
  });

  it('refuses REST mode without credentials and says what to set', () => {
    const rest = parseServeSettings({}, {});
    expect(() => resolveServeSetup(rest, {})).toThrow(/TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN is not set/);
    expect(() => resolveServeSetup(rest, { TWILIO_ACCOUNT_SID: SID })).toThrow(
      /TWILIO_AUTH_TOKEN is not set/,
    );
    expect(() => resolveServeSetup(rest, { TWILIO_ACCOUNT_SID: 'SK123', TWILIO_AUTH_TOKEN: 't' })).toThrow(
      /account sid/,
    );
    const ok = resolveServeSetup(rest, { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'tok' });
    expect(ok.signature).toEqual({ kind: 'verify', authTokens: ['tok'], publicUrl: undefined });
    const rotating = resolveServeSetup(rest, {
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: 'old',
      TWILIO_AUTH_TOKEN_SECONDARY: 'new',
    });
    expect(rotating.signature).toMatchObject({ authTokens: ['old', 'new'] });
    expect(rotating.twilio).toMatchObject({ authToken: 'old', secondaryAuthToken: 'new' });
    expect(ok.twilio?.accountId).toBe(SID);
  });

  it('runs twiml + insecure with no credentials at all, warning about it', () => {
    const local = parseServeSettings({ reply: 'twiml', insecureNoSignature: true }, {});
    const setup = resolveServeSetup(local, {});
    expect(setup.signature.kind).toBe('insecure');
    expect(setup.twilio).toBeUndefined();
    expect(setup.warnings.join('\n')).toMatch(/insecure-no-signature.*Local development only/);
    // Checking signatures needs the token even in twiml mode.
    expect(() => resolveServeSetup(parseServeSettings({ reply: 'twiml' }, {}), {})).toThrow(
      /TWILIO_AUTH_TOKEN/,
    );
  });

  it('takes --role web with --reply twiml only when the queue is on PostgreSQL (LISTEN/NOTIFY hands the reply over)', () => {
    const web = parseServeSettings({ role: 'web', reply: 'twiml', insecureNoSignature: true }, {});
    expect(() => resolveServeSetup(web, {})).toThrow(/on SQLite.*would have to poll/);
    expect(resolveServeSetup(web, {}, { queueOnPostgres: true }).signature.kind).toBe('insecure');
  });

  it('reads --trust-proxy as express expects it', () => {
    expect(trustProxyValue('1')).toBe(1);
    expect(trustProxyValue('true')).toBe(true);
    expect(trustProxyValue('loopback')).toBe('loopback');
    expect(trustProxyValue(undefined)).toBeUndefined();
  });
});
