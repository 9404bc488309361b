/**
 * The OpenTelemetry SDK side, imported only when an OTLP endpoint is set (cold start matters).
 * The OTLP exporter reads the standard variables itself: OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_HEADERS, OTEL_EXPORTER_OTLP_TIMEOUT;
 * the resource reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES; the batch processor OTEL_BSP_*.
 */
import {
  DiagLogLevel,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  diag,
  trace,
  type Context,
  type Tracer,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { Logger } from '../support/logger.js';
import type { TurnTrace } from '../core/trace/schema.js';
import { planTurnSpans, type PlanOptions, type SpanPlan } from './turn-spans.js';

export interface TurnExporter {
  export(trace: TurnTrace): void;
  /** Sends what is buffered, then stops. */
  shutdown(): Promise<void>;
}

export function createOtlpTurnExporter(
  options: PlanOptions & { serviceVersion: string; logger: Logger },
): TurnExporter {
  // Export failures (a wrong endpoint, a refused token) reach the log instead of vanishing.
  diag.setLogger(
    {
      error: (message) => options.logger.warn('telemetry_export_error', { message }),
      warn: (message) => options.logger.warn('telemetry_warning', { message }),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: 'kavak',
    [ATTR_SERVICE_VERSION]: options.serviceVersion,
  }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  const tracer = provider.getTracer('kavak', options.serviceVersion);
  return {
    export(turn) {
      emit(tracer, planTurnSpans(turn, options), ROOT_CONTEXT);
    },
    shutdown: () => provider.shutdown(),
  };
}

function emit(tracer: Tracer, plan: SpanPlan, parent: Context): void {
  const span = tracer.startSpan(
    plan.name,
    {
      kind: plan.kind === 'client' ? SpanKind.CLIENT : SpanKind.INTERNAL,
      startTime: plan.startMs,
      attributes: plan.attributes,
    },
    parent,
  );
  if (plan.error !== null) span.setStatus({ code: SpanStatusCode.ERROR, message: plan.error });
  const context = trace.setSpan(parent, span);
  for (const child of plan.children) emit(tracer, child, context);
  span.end(plan.endMs);
}
