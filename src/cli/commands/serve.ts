import { loadConfig, type GlobalFlags } from '../../app/config/load-config.js';
import { createLogger, parseLogLevel } from '../../support/logger.js';
import { parseServeSettings, resolveServeSetup, type ServeSettingsInput } from '../../serve/settings.js';
import { startServer } from '../../serve/server.js';
import { createApp } from '../../app/create-app.js';
import { startTelemetry } from '../../telemetry/index.js';
import { openServeStores, type ServeStores } from '../../app/serve-stores.js';
import { isPostgresUrl } from '../../store/postgres/url.js';

export type ServeOptions = GlobalFlags & ServeSettingsInput;

/**
 * Runs the WhatsApp webhook until SIGTERM or SIGINT, then drains and resolves. A second
 * signal cuts the drain short (in-flight messages are requeued for the next start).
 */
export async function serveCommand(options: ServeOptions): Promise<void> {
  const settings = parseServeSettings(options, process.env);
  const config = loadConfig(options);
  const setup = resolveServeSetup(settings, process.env, {
    queueOnPostgres: isPostgresUrl(settings.queueDb ?? config.db),
  });
  const logger = createLogger({ level: parseLogLevel(process.env.KAVAK_LOG_LEVEL, 'info') });
  const app = await createApp(config, { logger });
  const telemetry = await startTelemetry(process.env, logger);
  let onSignal: ((signal: NodeJS.Signals) => void) | undefined;
  let stores: ServeStores | undefined;
  try {
    stores = await openServeStores({
      db: app.config.db,
      storage: app.storage,
      conversations: app.conversations,
      queueDb: settings.queueDb,
      leaseMs: settings.leaseMs,
      ackTimeoutMs: settings.ackTimeoutMs,
      modelRpm: settings.modelRpm ?? (app.pipeline.deps.runtime.id === 'offline' ? 0 : 300),
      logger,
    });
    const server = await startServer({
      pipeline: telemetry.observe(app.pipeline),
      channel: await app.channel.load(),
      ...stores,
      logger,
      settings,
      setup,
    });
    let signals = 0;
    onSignal = (signal) => {
      signals += 1;
      logger.info('serve_signal', { signal, drain: signals === 1 });
      void server.shutdown({ force: signals > 1 });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    await server.closed;
  } finally {
    if (onSignal) {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
    await stores?.close();
    await app.close();
    await telemetry.shutdown();
  }
}
