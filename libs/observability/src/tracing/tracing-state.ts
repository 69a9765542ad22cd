import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Span,
  type TextMapPropagator,
  type Tracer,
} from '@opentelemetry/api';

/**
 * What a started tracer provider leaves here for the span helpers. Undefined while tracing is off
 * (the default): every helper then returns at once, without touching the OpenTelemetry API, so
 * tracing that is not configured costs nothing.
 */
export interface ActiveTracing {
  readonly tracer: Tracer;
  /** always W3C trace context: the envelope's `traceparent` field is that format on every transport */
  readonly propagator: TextMapPropagator;
  /** exports the spans that have ended (at shutdown: the batch exporter would lose them) */
  readonly flush: () => Promise<void>;
}

let active: ActiveTracing | undefined;

export function activeTracing(): ActiveTracing | undefined {
  return active;
}

export function tracingEnabled(): boolean {
  return active !== undefined;
}

/** set by startTracing, cleared when it is stopped */
export function setActiveTracing(tracing: ActiveTracing | undefined): void {
  active = tracing;
}

/**
 * A context whose parent span is the one a `traceparent` names, built on the root context: a
 * record's span must never inherit whatever context happened to be active where the consumer
 * loop was woken (an HTTP request's, for the in-process transport).
 */
export function contextOfTraceparent(tracing: ActiveTracing, traceparent: string | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return tracing.propagator.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter);
}

/** the W3C `traceparent` of a span, or undefined when its context is not valid */
export function traceparentOf(tracing: ActiveTracing, span: Span): string | undefined {
  const carrier: Record<string, string> = {};
  tracing.propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
  return carrier.traceparent;
}
