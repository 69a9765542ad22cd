import { trace } from '@opentelemetry/api';

/**
 * pino's `mixin` while tracing is on: the active span's ids on every log line, under the names
 * of OpenTelemetry's log data model, so a log line leads to its trace and back.
 */
export function traceIdsOfActiveSpan(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
