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
 * active (a timer's work).
 */
export function traceparentForNewEvent(info: CreateSpanInfo, inherited: string | undefined): string | undefined {
  const tracing = activeTracing();
  if (!tracing) return inherited;
  const current = context.active();
  const parent: Context = hasSpan(current) ? current : contextOfTraceparent(tracing, inherited);
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

function hasSpan(ctx: Context): boolean {
  const span = trace.getSpan(ctx);
  return span !== undefined && isSpanContextValid(span.spanContext());
}
