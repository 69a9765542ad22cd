import { Logger } from '@nestjs/common';
import { context, diag, DiagLogLevel, propagation, ROOT_CONTEXT, trace, type DiagLogger } from '@opentelemetry/api';
import { storage } from 'nestjs-pino/storage';
import type * as SdkTraceNode from '@opentelemetry/sdk-trace-node';
import type { Sampler, SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { Environment } from '@platform/config';
import { OBSERVABILITY_SETTINGS, OTEL_SETTINGS } from '../observability-settings';
import { activeTracing, setActiveTracing } from './tracing-state';

export interface TracingOptions {
  /** the deployable's name: `service.name` unless OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) says otherwise */
  readonly service: string;
  /**
   * Tests: export every span here as soon as it ends (the SDK's InMemorySpanExporter), which
   * turns tracing on without an OTLP endpoint.
   */
  readonly exporter?: SpanExporter;
  /** the environment the composition root read */
  readonly env: Environment;
}

export interface TracingHandle {
  /** exports what has ended so far */
  flush(): Promise<void>;
  /** flushes, then puts the no-op tracer back */
  stop(): Promise<void>;
}

const logger = new Logger('Tracing');

/**
 * Logs outside whatever request or record happened to start the SDK's work: the batch processor's
 * timer, and so its exports and their failures, run in the async context of the span that ended
 * first, and a line logged there would carry that request's correlation id and trace ids.
 */
function warnOutsideAnyRequest(message: string): void {
  storage.exit(() => context.with(ROOT_CONTEXT, () => logger.warn(message)));
}

/**
 * The SDK's own complaints (a collector that refuses spans or cannot be reached, a bad OTEL_*
 * value) in our logs, as plain warnings (ADR 0015): tracing is never what fails a request or an
 * event, so nothing it says is an error of the platform's.
 */
const diagnostics: DiagLogger = {
  error: (message, ...args) => warnOutsideAnyRequest(plain(message, args)),
  warn: (message, ...args) => warnOutsideAnyRequest(plain(message, args)),
  info: () => undefined,
  debug: () => undefined,
  verbose: () => undefined,
};

/** what the SDK's error handler gets: an export that failed (its spans are dropped) */
function exportFailed(error: unknown): void {
  warnOutsideAnyRequest(`could not export spans, they are dropped: ${messageOf(error)}`);
}

function plain(message: string, args: unknown[]): string {
  return [message, ...args.map(messageOf)].join(' ');
}

/** one line of plain text for whatever the SDK hands over: an error, a string, a socket's error fields, a list */
function messageOf(error: unknown): string {
  if (Array.isArray(error)) return error.map(messageOf).join('; ');
  if (typeof error !== 'object' || error === null) return String(error);
  const { message, name, code, address, port } = error as Record<string, unknown>;
  const text = typeof message === 'string' && message !== '' ? message : typeof name === 'string' ? name : '';
  const where = typeof address === 'string' ? ` ${address}${port === undefined ? '' : `:${String(port)}`}` : '';
  const codeText = typeof code === 'string' && !text.includes(code) ? code : '';
  return [text, codeText].filter(Boolean).join(' ') + (text.includes(where.trim()) ? '' : where) || 'unknown error';
}

/** the export timeout, which bounds the exporter's retries too */
const EXPORT_TIMEOUT_MS = 2_000;

/**
 * The OTLP exporter's timeout when OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT does not say: 2 s rather
 * than the SDK's 10 s. The exporter retries an unreachable collector until that timeout, on timers
 * that keep a stopping process alive; a collector that is down loses the batch either way.
 */
function exportTimeoutOf(env: Environment): { timeoutMillis?: number } {
  const s = OTEL_SETTINGS.read(env);
  const set = s.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT !== '' || s.OTEL_EXPORTER_OTLP_TIMEOUT !== '';
  return set ? {} : { timeoutMillis: EXPORT_TIMEOUT_MS };
}

/**
 * TRACING_SHUTDOWN_FLUSH_MS (1500): how long the final export at shutdown may take, and then the
 * provider's shutdown. With the collector unreachable a stopping process does not wait for the
 * exporter's retries: the spans are lost either way.
 */
export function shutdownFlushMsFromEnv(env: Environment): number {
  return OBSERVABILITY_SETTINGS.read(env).TRACING_SHUTDOWN_FLUSH_MS;
}

/** tracing is on when an OTLP endpoint is configured, unless the standard kill switch says no */
export function tracingConfigured(env: Environment): boolean {
  const s = OTEL_SETTINGS.read(env);
  if (s.OTEL_SDK_DISABLED) return false;
  return s.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== '' || s.OTEL_EXPORTER_OTLP_ENDPOINT !== '';
}

/**
 * Starts the OpenTelemetry SDK when tracing is configured, and does nothing otherwise: the SDK's
 * packages are imported here only, so a process without an endpoint never loads them and keeps the
 * API's no-op tracer (docs/adr/0015-tracing.md). Spans go to OTLP over HTTP in batches. The SDK
 * reads the standard variables itself (OTEL_EXPORTER_OTLP_*, OTEL_TRACES_SAMPLER, OTEL_SERVICE_NAME,
 * OTEL_RESOURCE_ATTRIBUTES) from the process environment; what this reads comes from `options.env`.
 * Called once per process, before the app is built.
 */
export async function startTracing(options: TracingOptions): Promise<TracingHandle | undefined> {
  if (!options.exporter && !tracingConfigured(options.env)) return undefined;
  if (activeTracing()) throw new Error('tracing is already started in this process');
  const sdk = await import('@opentelemetry/sdk-trace-node');
  const { resourceFromAttributes, detectResources, envDetector } = await import('@opentelemetry/resources');
  const { W3CTraceContextPropagator, setGlobalErrorHandler } = await import('@opentelemetry/core');
  const flushWithinMs = shutdownFlushMsFromEnv(options.env);
  const exporter =
    options.exporter ??
    new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter(exportTimeoutOf(options.env));
  const processor = options.exporter ? new sdk.SimpleSpanProcessor(exporter) : new sdk.BatchSpanProcessor(exporter);
  const sampler = defaultSampler(sdk, options.env);
  const provider = new sdk.NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    spanProcessors: [processor],
    ...(sampler ? { sampler } : {}),
  });
  provider.register();
  diag.setLogger(diagnostics, DiagLogLevel.WARN);
  setGlobalErrorHandler(exportFailed);
  // a collector that is down must not fail a shutdown, nor hold it up: its spans are lost, the process is not
  const flush = (): Promise<void> =>
    within(flushWithinMs, provider.forceFlush()).then(
      (done) => {
        if (!done) warnOutsideAnyRequest(`the last spans were not exported within ${flushWithinMs} ms; dropped`);
      },
      (error: unknown) => warnOutsideAnyRequest(`could not export the last spans: ${messageOf(error)}`),
    );
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
      await within(flushWithinMs, provider.shutdown()).catch(() => undefined);
      trace.disable();
      context.disable();
      propagation.disable();
      diag.disable();
    },
  };
}

/** true when `work` settled within `ms`, false when it took longer (it is left to finish on its own) */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * OTEL_TRACES_SAMPLER, when set, is the SDK's to read (undefined here). Otherwise
 * parentbased_traceidratio: a trace is kept or dropped where it starts (the HTTP request) and
 * every later hop follows that choice, with OTEL_TRACES_SAMPLER_ARG as the ratio (1 by default).
 */
function defaultSampler(sdk: typeof SdkTraceNode, env: Environment): Sampler | undefined {
  const s = OTEL_SETTINGS.read(env);
  if (s.OTEL_TRACES_SAMPLER !== '') return undefined;
  const raw = s.OTEL_TRACES_SAMPLER_ARG;
  const ratio = Number(raw);
  if (!(ratio >= 0 && ratio <= 1))
    throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got "${raw}"`);
  return new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(ratio) });
}
