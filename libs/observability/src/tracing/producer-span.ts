import { context, isSpanContextValid, SpanKind, trace, type Context } from '@opentelemetry/api';
import { ATTR } from './span-attributes';
import { activeTracing, contextOfTraceparent, traceparentOf } from './tracing-state';

/** What the outbox writer knows of an event it is about to append. */
export interface CreateSpanInfo {
  /** `kafka` or `inprocess`: where the relay will publish it */
  readonly system: string;
  readonly topic: string;
  readonly eventId: string;
  readonly correlationId: string;
}

/**
 * The `traceparent` for an event being written to the outbox. With tracing off: the one it
 * inherited from its cause, passed on unchanged, so a traced service downstream still joins the
 * trace. With tracing on: that of a `create <topic>` span (OpenTelemetry's span for a message
 * created now and sent later, as the relay does), a child of the active span (the HTTP request's,
 * or the consumer span of the event being handled), or of the inherited context when no span is
 * active (a timer's work) or the active span is in another trace: a set of records handled at once
 * runs in its first record's context (docs/adr/0026-work-in-sets.md), and an event caused by
 * another record of the set belongs to that record's trace.
 */
export function traceparentForNewEvent(info: CreateSpanInfo, inherited: string | undefined): string | undefined {
  const tracing = activeTracing();
  if (!tracing) return inherited;
  const current = context.active();
  const parent: Context =
    hasSpan(current) && inTraceOf(current, inherited) ? current : contextOfTraceparent(tracing, inherited);
  const span = tracing.tracer.startSpan(
    `create ${info.topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        [ATTR.messagingSystem]: info.system,
        [ATTR.operationType]: 'create',
        [ATTR.operationName]: 'create',
        [ATTR.destination]: info.topic,
        [ATTR.messageId]: info.eventId,
        [ATTR.conversationId]: info.correlationId,
      },
    },
    parent,
  );
  span.end();
  return traceparentOf(tracing, span) ?? inherited;
}

/**
 * The `traceparent` of the active span, for state that a timer acts on later (a saga's deadline,
 * a shipment the carrier clock moves on): the events the timer causes then join the trace that
 * created the state, instead of starting one of their own. Undefined while tracing is off or no
 * span is active.
 */
export function activeTraceparent(): string | undefined {
  const tracing = activeTracing();
  if (!tracing) return undefined;
  const current = context.active();
  return hasSpan(current) ? traceparentOf(tracing, trace.getSpan(current)!) : undefined;
}

/**
 * activeTraceparent() for state caused by an event: the active span when it is in the event's
 * trace, else the traceparent the event carried (a set of records runs in its first record's
 * context, so for any other record of the set the active span is in another trace; with tracing
 * off, the event's traceparent is passed on unchanged).
 */
export function activeTraceparentWithin(inherited: string | undefined): string | undefined {
  const tracing = activeTracing();
  const current = context.active();
  if (!tracing || !hasSpan(current) || !inTraceOf(current, inherited)) return inherited;
  return traceparentOf(tracing, trace.getSpan(current)!);
}

/** whether the context's span is in the trace of `traceparent` (W3C: version-traceid-spanid-flags); true without one */
function inTraceOf(ctx: Context, traceparent: string | undefined): boolean {
  const traceId = traceparent?.split('-')[1];
  return traceId === undefined || trace.getSpan(ctx)?.spanContext().traceId === traceId;
}

function hasSpan(ctx: Context): boolean {
  const span = trace.getSpan(ctx);
  return span !== undefined && isSpanContextValid(span.spanContext());
}
