import { Logger } from '@nestjs/common';
import { context, diag, DiagLogLevel, propagation, trace, type DiagLogger } from '@opentelemetry/api';
import type * as SdkTraceNode from '@opentelemetry/sdk-trace-node';
import type { Sampler, SpanExporter } from '@opentelemetry/sdk-trace-node';
import { boolSetting, stringSetting } from '@platform/config';
import { activeTracing, setActiveTracing } from './tracing-state';

export interface TracingOptions {
  /** the deployable's name: `service.name` unless OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) says otherwise */
  readonly service: string;
  /**
   * Tests: export every span here as soon as it ends (the SDK's InMemorySpanExporter), which
   * turns tracing on without an OTLP endpoint.
   */
  readonly exporter?: SpanExporter;
}

export interface TracingHandle {
  /** exports what has ended so far */
  flush(): Promise<void>;
  /** flushes, then puts the no-op tracer back */
  stop(): Promise<void>;
}

const logger = new Logger('Tracing');

/** the SDK's own complaints (a collector that refuses spans, a bad OTEL_* value) in our logs */
const diagnostics: DiagLogger = {
  error: (message) => logger.error(message),
  warn: (message) => logger.warn(message),
  info: () => undefined,
  debug: () => undefined,
  verbose: () => undefined,
};

/** tracing is on when an OTLP endpoint is configured, unless the standard kill switch says no */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (boolSetting('OTEL_SDK_DISABLED', false, env)) return false;
  return (
    stringSetting('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', '', env) !== '' ||
    stringSetting('OTEL_EXPORTER_OTLP_ENDPOINT', '', env) !== ''
  );
}

/**
 * Starts the OpenTelemetry SDK when tracing is configured, and does nothing otherwise: the SDK's
 * packages are imported here only, so a process without an endpoint never loads them and keeps the
 * API's no-op tracer (docs/adr/0015-tracing.md). Spans go to OTLP over HTTP in batches. The SDK
 * reads the standard variables itself (OTEL_EXPORTER_OTLP_*, OTEL_TRACES_SAMPLER, OTEL_SERVICE_NAME,
 * OTEL_RESOURCE_ATTRIBUTES) from process.env, so this reads nothing from anywhere else.
 * Called once per process, before the app is built.
 */
export async function startTracing(options: TracingOptions): Promise<TracingHandle | undefined> {
  if (!options.exporter && !tracingConfigured()) return undefined;
  if (activeTracing()) throw new Error('tracing is already started in this process');
  const sdk = await import('@opentelemetry/sdk-trace-node');
  const { resourceFromAttributes, detectResources, envDetector } = await import('@opentelemetry/resources');
  const { W3CTraceContextPropagator } = await import('@opentelemetry/core');
  const exporter =
    options.exporter ?? new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
  const processor = options.exporter ? new sdk.SimpleSpanProcessor(exporter) : new sdk.BatchSpanProcessor(exporter);
  const sampler = defaultSampler(sdk);
  const provider = new sdk.NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    spanProcessors: [processor],
    ...(sampler ? { sampler } : {}),
  });
  provider.register();
  diag.setLogger(diagnostics, DiagLogLevel.WARN);
  // a collector that is down must not fail a shutdown: its spans are lost, the process is not
  const flush = (): Promise<void> =>
    provider.forceFlush().catch((error: unknown) => logger.warn(`could not export the last spans: ${String(error)}`));
  setActiveTracing({
    tracer: provider.getTracer('order-platform'),
    propagator: new W3CTraceContextPropagator(),
    flush,
  });
  return {
    flush,
    stop: async () => {
      setActiveTracing(undefined);
      await flush();
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      context.disable();
      propagation.disable();
      diag.disable();
    },
  };
}

/**
 * OTEL_TRACES_SAMPLER, when set, is the SDK's to read (undefined here). Otherwise
 * parentbased_traceidratio: a trace is kept or dropped where it starts (the HTTP request) and
 * every later hop follows that choice, with OTEL_TRACES_SAMPLER_ARG as the ratio (1 by default).
 */
function defaultSampler(sdk: typeof SdkTraceNode): Sampler | undefined {
  if (stringSetting('OTEL_TRACES_SAMPLER', '') !== '') return undefined;
  const raw = stringSetting('OTEL_TRACES_SAMPLER_ARG', '1');
  const ratio = Number(raw);
  if (!(ratio >= 0 && ratio <= 1))
    throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got "${raw}"`);
  return new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(ratio) });
}
