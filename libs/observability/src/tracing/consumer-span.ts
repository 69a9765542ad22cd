import { context, SpanKind, SpanStatusCode, trace, type Exception } from '@opentelemetry/api';
import { ATTR, offsetAttribute } from './span-attributes';
import { activeTracing, contextOfTraceparent } from './tracing-state';

/** What the consumer pipeline knows of a record before decoding it (all from its headers). */
export interface ConsumeSpanInfo {
  /** `kafka` or `inprocess` */
  readonly system: string;
  readonly topic: string;
  readonly group: string;
  readonly partition: number;
  readonly offset: string;
  readonly traceparent?: string;
  readonly eventId?: string;
  readonly correlationId?: string;
}

/**
 * Runs the pipeline's work on one record inside a `process <topic>` span, a child of the span
 * that created the event (its `traceparent`), and active while the handler runs: the events the
 * handler writes to the outbox become its children, so one order's hops make one trace. The
 * outcome the work returns becomes an attribute.
 */
export async function traceConsume<T extends string>(info: ConsumeSpanInfo, work: () => Promise<T>): Promise<T> {
  const tracing = activeTracing();
  if (!tracing) return work();
  const parent = contextOfTraceparent(tracing, info.traceparent);
  const span = tracing.tracer.startSpan(
    `process ${info.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        [ATTR.messagingSystem]: info.system,
        [ATTR.operationType]: 'process',
        [ATTR.operationName]: 'process',
        [ATTR.destination]: info.topic,
        [ATTR.consumerGroup]: info.group,
        [ATTR.partition]: String(info.partition),
        [offsetAttribute(info.system)]: Number(info.offset),
        ...(info.eventId ? { [ATTR.messageId]: info.eventId } : {}),
        ...(info.correlationId ? { [ATTR.conversationId]: info.correlationId } : {}),
      },
    },
    parent,
  );
  try {
    const outcome = await context.with(trace.setSpan(parent, span), work);
    span.setAttribute(ATTR.outcome, outcome);
    return outcome;
  } catch (error) {
    span.recordException(asException(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}

/** the pipeline starts attempt number `attempt` at the active record's handler */
export function markAttempt(attempt: number): void {
  if (!activeTracing()) return;
  trace.getActiveSpan()?.setAttribute(ATTR.attempt, attempt);
}

/**
 * An attempt at the active record failed (it will be retried or dead-lettered): the exception is
 * recorded and the span's status is ERROR, described by the failure's stable code.
 */
export function recordFailedAttempt(error: unknown, attempt: number, code: string): void {
  if (!activeTracing()) return;
  const span = trace.getActiveSpan();
  if (!span) return;
  span.recordException(asException(error));
  span.setAttribute(ATTR.attempt, attempt);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}

function asException(error: unknown): Exception {
  return error instanceof Error ? error : String(error);
}
