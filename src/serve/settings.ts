import { z } from 'zod';
import { ConfigError, UserInputError } from '../support/errors.js';
import type { ChannelCredentials, SignaturePolicy } from '../channels/channel.js';

export const ReplyModeSchema = z.enum(['rest', 'twiml']);
export type ReplyMode = z.infer<typeof ReplyModeSchema>;

/** all: webhook and worker in one process; web: store and ack only; worker: process the queue. */
export const ServeRoleSchema = z.enum(['all', 'web', 'worker']);
export type ServeRole = z.infer<typeof ServeRoleSchema>;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Everything `kavak serve` can be told, with its defaults. Flags arrive as strings. */
export const ServeSettingsSchema = z.object({
  role: ServeRoleSchema.default('all'),
  /**
   * A postgres:// URL puts the inbound queue and the model rate limit on PostgreSQL (shared by
   * every replica); conversations stay in --db until they have a PostgreSQL adapter too.
   */
  queueDb: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
  host: z.string().min(1).default('127.0.0.1'),
  port: int(0, 65_535).default(3000),
  /** The public URL Twilio calls (signatures are computed on it). */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Express "trust proxy": hops (1), true, or addresses/subnets ("loopback, 10.0.0.0/8"). */
  trustProxy: z.string().min(1).optional(),
  insecureNoSignature: z.boolean().default(false),
  reply: ReplyModeSchema.default('rest'),
  /** In twiml mode, how long the webhook waits for the reply before acknowledging empty (Twilio gives up at 15 s). */
  twimlDeadlineMs: int(100, 14_000).default(10_000),
  /**
   * How long the webhook waits for the database to store a message (a lock held by another
   * process, a server restarting) before it answers 503 and Twilio sends it again. Default:
   * 250 ms on SQLite, where the wait blocks the whole process; 2000 ms on PostgreSQL.
   */
  ackTimeoutMs: int(1, 14_000).optional(),
  /** Messages processed at once (one per customer at most). */
  concurrency: int(1, 64).default(4),
  /** Model requests per minute shared by every worker; 0 = no limit. Default: 300, none offline. */
  modelRpm: int(0, 100_000).optional(),
  /** Attempts before a message gets the fallback reply. */
  maxAttempts: int(1, 20).default(4),
  retryBaseMs: int(1, 600_000).default(2_000),
  retryMaxMs: int(1, 3_600_000).default(60_000),
  /** One turn may take this long before it counts as a failed attempt. */
  turnTimeoutMs: int(100, 600_000).default(90_000),
  /** On SIGTERM, in-flight work gets this long to finish before it is requeued. */
  drainTimeoutMs: int(0, 600_000).default(20_000),
  /**
   * How often a worker looks for work no wake-up announced: a lease that ran out (a dead
   * replica, a failed database write), a retry, a message another process stored.
   */
  sweepIntervalMs: int(20, 3_600_000).default(1_000),
  /** A claimed message is held this long without a heartbeat before another worker may take it. */
  leaseMs: int(200, 600_000).default(15_000),
  /**
   * A reply Twilio refuses for a passing reason (a 401 during a credential outage, 5xx, 429, the
   * network) is retried this long after the message arrived, past --max-attempts.
   */
  sendRetryWindowMs: int(0, 86_400_000).default(900_000),
});
export type ServeSettings = z.infer<typeof ServeSettingsSchema>;
export type ServeSettingsInput = z.input<typeof ServeSettingsSchema>;

/**
 * Environment variables that give a setting its default (the container image sets them, so
 * `docker run … serve --public-url …` keeps them); a flag always wins.
 */
export const SERVE_ENV_NAMES = {
  role: 'KAVAK_ROLE',
  queueDb: 'KAVAK_QUEUE_DB',
  host: 'HOST',
  port: 'PORT',
  publicUrl: 'KAVAK_PUBLIC_URL',
  trustProxy: 'KAVAK_TRUST_PROXY',
  reply: 'KAVAK_REPLY',
  twimlDeadlineMs: 'KAVAK_TWIML_DEADLINE_MS',
  ackTimeoutMs: 'KAVAK_ACK_TIMEOUT_MS',
  concurrency: 'KAVAK_CONCURRENCY',
  modelRpm: 'KAVAK_MODEL_RPM',
  maxAttempts: 'KAVAK_MAX_ATTEMPTS',
  retryBaseMs: 'KAVAK_RETRY_BASE_MS',
  retryMaxMs: 'KAVAK_RETRY_MAX_MS',
  turnTimeoutMs: 'KAVAK_TURN_TIMEOUT_MS',
  drainTimeoutMs: 'KAVAK_DRAIN_TIMEOUT_MS',
  sweepIntervalMs: 'KAVAK_SWEEP_INTERVAL_MS',
  leaseMs: 'KAVAK_LEASE_MS',
  sendRetryWindowMs: 'KAVAK_SEND_RETRY_WINDOW_MS',
} as const satisfies Partial<Record<keyof ServeSettings, string>>;

/** Validates flags over their environment defaults, naming the flag (or variable) that is wrong. */
export function parseServeSettings(
  input: ServeSettingsInput,
  env: Record<string, string | undefined> = {},
): ServeSettings {
  const flags = dropUndefined(input);
  const fromEnv = Object.fromEntries(
    Object.entries(SERVE_ENV_NAMES)
      .map(([key, name]) => [key, env[name]?.trim() || undefined])
      .filter(([, value]) => value !== undefined),
  ) as Record<string, string>;
  const parsed = ServeSettingsSchema.safeParse({ ...fromEnv, ...flags });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const source =
    key in flags || !(key in fromEnv)
      ? `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`
      : SERVE_ENV_NAMES[key as keyof typeof SERVE_ENV_NAMES];
  throw new UserInputError(`${source} has a bad value: ${issue.message}.`, {
    hint: 'Run kavak serve --help for the allowed values.',
  });
}

/** What serving needs from the environment, decided before anything starts. */
export interface ServeSetup {
  signature: SignaturePolicy;
  /** Present when replies can go out by the REST API. */
  twilio: ChannelCredentials | undefined;
  /** Said at start-up (and, for the insecure mode, on every request). */
  warnings: string[];
  /** KAVAK_METRICS_TOKEN: /metrics then wants it as a bearer token. */
  metricsToken?: string;
}

/**
 * Credentials: REST replies need TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, signature checks
 * need the token. Only `--reply twiml --insecure-no-signature` runs with none (local trials).
 * TWILIO_AUTH_TOKEN_SECONDARY, during a rotation, is accepted as well.
 */
export function resolveServeSetup(
  settings: ServeSettings,
  env: Record<string, string | undefined>,
  where: { queueOnPostgres: boolean } = { queueOnPostgres: false },
): ServeSetup {
  const accountSid = env.TWILIO_ACCOUNT_SID?.trim() || undefined;
  const authToken = env.TWILIO_AUTH_TOKEN?.trim() || undefined;
  const secondaryAuthToken = env.TWILIO_AUTH_TOKEN_SECONDARY?.trim() || undefined;
  const apiBaseUrl = env.KAVAK_TWILIO_API_URL?.trim() || undefined;
  const warnings: string[] = [];

  if (settings.reply === 'rest' && (!accountSid || !authToken)) {
    const missing = [!accountSid && 'TWILIO_ACCOUNT_SID', !authToken && 'TWILIO_AUTH_TOKEN']
      .filter(Boolean)
      .join(' and ');
    throw new ConfigError(
      `kavak serve sends replies through the Twilio REST API, but ${missing} is not set.`,
      {
        hint: 'Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (Twilio console → Account info), or try it locally with --reply twiml --insecure-no-signature.',
      },
    );
  }
  if (settings.role === 'web' && settings.reply === 'twiml' && !where.queueOnPostgres) {
    // PostgreSQL tells the web process when the reply is ready (LISTEN/NOTIFY); SQLite could only poll for it.
    throw new ConfigError(
      'kavak serve --role web cannot answer in the webhook response (--reply twiml) on SQLite: the reply is made by a worker process, and SQLite has no way to tell this one when it is ready (it would have to poll the file).',
      {
        hint: 'Use --reply rest with --role web, run --role all (web and worker in one process), or put the queue on PostgreSQL (--db postgres://… or --queue-db), which hands replies across processes.',
      },
    );
  }
  if (!settings.insecureNoSignature && !authToken) {
    throw new ConfigError(
      'kavak serve checks every request’s X-Twilio-Signature, but TWILIO_AUTH_TOKEN is not set.',
      {
        hint: 'Set TWILIO_AUTH_TOKEN, or for local development only pass --insecure-no-signature.',
      },
    );
  }
  if (accountSid && !/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw new ConfigError(
      'TWILIO_ACCOUNT_SID does not look like an account sid (AC followed by 32 hex characters).',
      {
        hint: 'Copy the Account SID from the Twilio console (not an API key sid).',
      },
    );
  }

  if (settings.insecureNoSignature) {
    warnings.push(
      '--insecure-no-signature: anyone who can reach this server can drive the bot. Local development only.',
    );
  } else if (!settings.publicUrl && !settings.trustProxy) {
    warnings.push(
      'Signatures are checked against this request’s Host header; behind a proxy or tunnel pass --public-url (or --trust-proxy).',
    );
  }
  const twilio =
    accountSid && authToken
      ? { accountId: accountSid, authToken, secondaryAuthToken, apiBaseUrl }
      : undefined;
  if (!twilio)
    warnings.push(
      'No Twilio credentials: a reply that misses the TwiML deadline cannot be sent and is marked failed.',
    );

  return {
    signature: settings.insecureNoSignature
      ? { kind: 'insecure' }
      : {
          kind: 'verify',
          authTokens: [authToken!, ...(secondaryAuthToken ? [secondaryAuthToken] : [])],
          publicUrl: settings.publicUrl,
        },
    twilio,
    warnings,
    metricsToken: env.KAVAK_METRICS_TOKEN?.trim() || undefined,
  };
}

/** Express's "trust proxy" value from the flag: a hop count, true/false, or an address list. */
export function trustProxyValue(flag: string | undefined): boolean | number | string | undefined {
  if (flag === undefined) return undefined;
  if (/^\d+$/.test(flag)) return Number(flag);
  if (flag === 'true' || flag === 'false') return flag === 'true';
  return flag;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
