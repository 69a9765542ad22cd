import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-node';

/** One trace's spans as the in-memory exporter received them, with the lookups a test needs. */
export class TraceTree {
  private readonly byId: ReadonlyMap<string, ReadableSpan>;

  constructor(readonly spans: readonly ReadableSpan[]) {
    this.byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  }

  static of(all: readonly ReadableSpan[], traceId: string): TraceTree {
    return new TraceTree(all.filter((s) => s.spanContext().traceId === traceId));
  }

  parentOf(span: ReadableSpan): ReadableSpan | undefined {
    const parentId = span.parentSpanContext?.spanId;
    return parentId ? this.byId.get(parentId) : undefined;
  }

  /** the span's ancestors, nearest first, as far as this trace has them */
  ancestorsOf(span: ReadableSpan): ReadableSpan[] {
    const chain: ReadableSpan[] = [];
    for (let p = this.parentOf(span); p; p = this.parentOf(p)) {
      if (chain.includes(p)) throw new Error(`a cycle in the trace at ${p.name}`);
      chain.push(p);
    }
    return chain;
  }

  consumers(): ReadableSpan[] {
    return this.spans.filter((s) => s.kind === SpanKind.CONSUMER);
  }

  /** the consumer span(s) of one group for one topic */
  processed(group: string, topic: string): ReadableSpan[] {
    return this.consumers().filter(
      (s) =>
        s.attributes['messaging.consumer.group.name'] === group && s.attributes['messaging.destination.name'] === topic,
    );
  }

  /** consumer groups that handled a record of this trace */
  groups(): Set<string> {
    return new Set(this.consumers().map((s) => String(s.attributes['messaging.consumer.group.name'])));
  }
}
