import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../app/config/paths.js';
import { silentLogger, type Logger } from '../support/logger.js';
import type { Pipeline } from '../core/pipeline.js';
import type { TurnTrace } from '../core/trace/schema.js';

/**
 * Every finished turn exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set; otherwise nothing, and OpenTelemetry is never loaded.
 */
export interface TurnTelemetry {
  readonly enabled: boolean;
  /** The pipeline whose finished turns are exported (the same pipeline when telemetry is off). */
  observe(pipeline: Pipeline): Pipeline;
  /** Sends what is buffered; await before the process exits. Bounded, never throws. */
  shutdown(): Promise<void>;
}

type Env = Record<string, string | undefined>;

/** Longest wait for the last export on exit, so an unreachable collector cannot hold the CLI. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

export function telemetryEnabled(env: Env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER?.split(',').some((name) => name.trim() === 'none')) return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

const disabled: TurnTelemetry = {
  enabled: false,
  observe: (pipeline) => pipeline,
  shutdown: () => Promise.resolve(),
};

export async function startTelemetry(
  env: Env = process.env,
  logger: Logger = silentLogger,
): Promise<TurnTelemetry> {
  if (!telemetryEnabled(env)) return disabled;
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL)?.trim();
  if (protocol && protocol !== 'http/json')
    logger.warn('telemetry_protocol', {
      protocol,
      sent: 'http/json',
      hint: 'kavak sends OTLP/HTTP with JSON bodies',
    });
  const { createOtlpTurnExporter } = await import('./otlp-exporter.js');
  const exporter = createOtlpTurnExporter({
    serviceVersion: packageVersion(),
    logger,
    captureContent: env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT?.trim().toLowerCase() === 'true',
  });
  const onTurnEnd = (trace: TurnTrace) => {
    try {
      exporter.export(trace);
    } catch (error) {
      // Telemetry never costs a customer a reply.
      logger.warn('telemetry_export_error', {
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
  return {
    enabled: true,
    observe: (pipeline) => observeTurns(pipeline, onTurnEnd),
    shutdown: () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          logger.warn('telemetry_flush_timeout', { timeoutMs: SHUTDOWN_TIMEOUT_MS });
          resolve();
        }, SHUTDOWN_TIMEOUT_MS);
        timer.unref();
      });
      const flushed = exporter.shutdown().catch((error: unknown) => {
        logger.warn('telemetry_export_error', {
          message: error instanceof Error ? error.message : String(error),
        });
      });
      return Promise.race([flushed, timeout]).finally(() => clearTimeout(timer));
    },
  };
}

/** A pipeline that hands every finished turn's trace to `onTurnEnd`, also after withRuntime. */
export function observeTurns(pipeline: Pipeline, onTurnEnd: (trace: TurnTrace) => void): Pipeline {
  return {
    get deps() {
      return pipeline.deps;
    },
    withRuntime: (runtime) => observeTurns(pipeline.withRuntime(runtime), onTurnEnd),
    async runTurn(request) {
      const result = await pipeline.runTurn(request);
      onTurnEnd(result.trace);
      return result;
    },
  };
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
