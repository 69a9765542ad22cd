/**
 * One order's journey through the contexts, as the console shows it: each event keyed by the
 * order (from the producing context's outbox) and, per consumer group, when it handled it (from
 * that group's inbox). Pure: the parts come from this process and its peers; merging is here.
 */

/** an event one context wrote to its outbox for the order */
export interface ProducedEvent {
  readonly eventId: string;
  /** `orders.order-placed` (the envelope's type); for a dead letter, the failed event's type */
  readonly type: string;
  readonly topic: string;
  /** the context whose outbox holds it */
  readonly producer: string;
  /** when the producing transaction wrote it (just before its commit) */
  readonly producedAt: string;
  /** when the relay handed it to the transport; null while it waits */
  readonly publishedAt: string | null;
  /** the W3C trace id it carries; null while tracing is off */
  readonly traceId: string | null;
}

/** one consumer group's inbox row for an event: the group took it in at `handledAt` */
export interface HandledEvent {
  readonly eventId: string;
  readonly group: string;
  readonly handledAt: string;
}

/** what one process knows of the order */
export interface TimelinePart {
  readonly produced: readonly ProducedEvent[];
  readonly handled: readonly HandledEvent[];
}

export interface TimelineHop {
  readonly group: string;
  readonly handledAt: string;
  /** handled minus produced: the time the hop took, relay and queue included */
  readonly hopMs: number;
}

export interface TimelineEvent extends ProducedEvent {
  /** oldest first */
  readonly handledBy: readonly TimelineHop[];
}

/** every part's events once, each with every group that handled it, oldest first */
export function mergeTimeline(parts: readonly TimelinePart[]): TimelineEvent[] {
  const produced = new Map<string, ProducedEvent>();
  for (const part of parts) for (const event of part.produced) produced.set(event.eventId, event);
  const hops = new Map<string, Map<string, HandledEvent>>();
  for (const part of parts) {
    for (const handled of part.handled) {
      if (!produced.has(handled.eventId)) continue;
      const byGroup = hops.get(handled.eventId) ?? new Map<string, HandledEvent>();
      byGroup.set(handled.group, handled);
      hops.set(handled.eventId, byGroup);
    }
  }
  return [...produced.values()]
    .map((event) => ({
      ...event,
      handledBy: [...(hops.get(event.eventId)?.values() ?? [])]
        .map((h) => ({ group: h.group, handledAt: h.handledAt, hopMs: millisBetween(event.producedAt, h.handledAt) }))
        .sort(byTime((h) => h.handledAt)),
    }))
    .sort(byTime((e) => e.producedAt));
}

/** the order's trace: that of its oldest event that carries one */
export function traceIdOf(events: readonly ProducedEvent[]): string | null {
  return events.find((e) => e.traceId !== null)?.traceId ?? null;
}

/** the trace viewer's address of one trace: `template` (CONSOLE_TRACE_URL) with {traceId} filled in; null without either */
export function traceUrlOf(template: string, traceId: string | null): string | null {
  return traceId && template ? template.replaceAll('{traceId}', traceId) : null;
}

/** `00-<trace id>-<span id>-<flags>` → the trace id */
export function traceIdOfTraceparent(traceparent: string | undefined): string | null {
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent ?? '');
  return match ? match[1] : null;
}

function millisBetween(from: string, to: string): number {
  return new Date(to).getTime() - new Date(from).getTime();
}

function byTime<T>(at: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => new Date(at(a)).getTime() - new Date(at(b)).getTime();
}
