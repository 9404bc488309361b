import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from '../core/logger.js';
import type { ServeMetrics } from './metrics.js';
import { webhookHandler, WEBHOOK_PATH, type WebhookDeps } from './webhook-route.js';

export interface ReadinessCheck {
  name: string;
  /** Throws (or returns false) when not ready. */
  check: () => boolean | void;
}

export interface ServeAppDeps extends WebhookDeps {
  metrics: ServeMetrics;
  logger: Logger;
  readiness: ReadinessCheck[];
  /** express "trust proxy": only then are X-Forwarded-Proto/Host used for the signed URL. */
  trustProxy?: boolean | number | string;
}

/** The HTTP surface of `kavak serve` (no listen here): webhook, health, readiness, metrics. */
export function createServeApp(deps: ServeAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', (_req, res) => {
    const checks = Object.fromEntries(deps.readiness.map((r) => [r.name, passes(r)]));
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ ready, checks });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  // Twilio's form; WhatsApp bodies are small, the limit only stops abuse.
  app.post(WEBHOOK_PATH, express.urlencoded({ extended: false, limit: '256kb' }), webhookHandler(deps));

  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const facts = (typeof error === 'object' && error !== null ? error : {}) as {
      status?: unknown;
      type?: unknown;
    };
    const status =
      typeof facts.status === 'number' && facts.status >= 400 && facts.status < 500 ? facts.status : 500;
    if (status === 500)
      deps.logger.error('http_error', { error: error instanceof Error ? error.message : 'non-error thrown' });
    else deps.logger.warn('http_bad_request', { status, type: facts.type });
    if (!res.headersSent)
      res
        .status(status)
        .type('text/plain')
        .send(status === 500 ? 'Internal error' : 'Bad request');
  };
  app.use(onError);
  return app;
}

function passes(readiness: ReadinessCheck): boolean {
  try {
    return readiness.check() !== false;
  } catch {
    return false;
  }
}
