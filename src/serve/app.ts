import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from '../support/logger.js';
import { throttledWarning } from './log-throttle.js';
import type { ServeMetrics } from './metrics.js';
import { webhookHandler, type WebhookDeps } from './webhook-route.js';

export interface ReadinessCheck {
  name: string;
  /** Throws, rejects (or returns false) when not ready. */
  check: () => boolean | void | Promise<void>;
}

export interface ServeAppDeps {
  /** Absent for a worker-only process: it serves /healthz and /metrics and nothing else. */
  webhook?: WebhookDeps;
  metrics: ServeMetrics;
  logger: Logger;
  readiness: ReadinessCheck[];
  /** express "trust proxy": only then are X-Forwarded-Proto/Host used for the signed URL. */
  trustProxy?: boolean | number | string;
  /** KAVAK_METRICS_TOKEN: when set, /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

/** The HTTP surface of `kavak serve` (no listen here): webhook, health, readiness, metrics. */
export function createServeApp(deps: ServeAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // No client revalidates a webhook ack or a probe: hashing every body for an ETag is wasted CPU.
  app.set('etag', false);
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(deps.readiness.map(async (r) => [r.name, await passes(r)] as const));
    const checks = Object.fromEntries(results);
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ ready, checks });
  });

  const metricsAllowed = bearerCheck(deps.metricsToken);
  app.get('/metrics', async (req, res) => {
    if (!metricsAllowed(req.get('authorization'))) {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="kavak metrics"').type('text/plain');
      res.send('/metrics needs Authorization: Bearer <KAVAK_METRICS_TOKEN>.');
      return;
    }
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  // Message bodies are small, the limit only stops abuse.
  if (deps.webhook) {
    const limit = '256kb';
    const bodyParser =
      deps.webhook.channel.bodyFormat === 'form'
        ? express.urlencoded({ extended: false, limit })
        : express.json({ limit });
    app.post(deps.webhook.channel.webhookPath, bodyParser, webhookHandler(deps.webhook));
  }

  const badRequestWarning = throttledWarning(deps.logger, 'http_bad_request');
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const facts = (typeof error === 'object' && error !== null ? error : {}) as {
      status?: unknown;
      type?: unknown;
    };
    const status =
      typeof facts.status === 'number' && facts.status >= 400 && facts.status < 500 ? facts.status : 500;
    if (status === 500)
      deps.logger.error('http_error', { error: error instanceof Error ? error.message : 'non-error thrown' });
    else badRequestWarning.warn({ status, type: facts.type });
    if (!res.headersSent)
      res
        .status(status)
        .type('text/plain')
        .send(status === 500 ? 'Internal error' : 'Bad request');
  };
  app.use(onError);
  return app;
}

/**
 * Compares digests, not the strings: timingSafeEqual needs equal lengths, and comparing
 * fixed-size hashes reveals neither the token nor its length through timing.
 */
function bearerCheck(token: string | undefined): (header: string | undefined) => boolean {
  if (!token) return () => true;
  const expected = sha256(token);
  return (header) => {
    const offered = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
    return offered !== undefined && timingSafeEqual(sha256(offered), expected);
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

async function passes(readiness: ReadinessCheck): Promise<boolean> {
  try {
    return (await readiness.check()) !== false;
  } catch {
    return false;
  }
}
