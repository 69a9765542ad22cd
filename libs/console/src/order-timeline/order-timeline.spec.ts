import { mergeTimeline, traceIdOf, traceIdOfTraceparent, traceUrlOf, type ProducedEvent } from './order-timeline';

const placed: ProducedEvent = {
  eventId: 'e-1',
  type: 'orders.order-placed',
  topic: 'orders.order-placed.v1',
  producer: 'orders',
  producedAt: '2026-12-07T10:00:00.000Z',
  publishedAt: '2026-12-07T10:00:00.010Z',
  traceId: null,
};
const reserved: ProducedEvent = {
  ...placed,
  eventId: 'e-2',
  type: 'inventory.stock-reserved',
  topic: 'inventory.stock-reserved.v1',
  producer: 'inventory',
  producedAt: '2026-12-07T10:00:00.050Z',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
};

describe('an order timeline merged from the parts of several processes', () => {
  it('lists each event once, oldest first, with each group that handled it and the time the hop took', () => {
    const timeline = mergeTimeline([
      {
        produced: [reserved],
        handled: [{ eventId: 'e-1', group: 'inventory', handledAt: '2026-12-07T10:00:00.030Z' }],
      },
      {
        produced: [placed, reserved],
        handled: [
          { eventId: 'e-1', group: 'payments', handledAt: '2026-12-07T10:00:00.020Z' },
          { eventId: 'e-2', group: 'orders', handledAt: '2026-12-07T10:00:00.250Z' },
          { eventId: 'e-9', group: 'orders', handledAt: '2026-12-07T10:00:00.250Z' },
        ],
      },
    ]);
    expect(timeline.map((e) => e.eventId)).toEqual(['e-1', 'e-2']);
    expect(timeline[0].handledBy).toEqual([
      { group: 'payments', handledAt: '2026-12-07T10:00:00.020Z', hopMs: 20 },
      { group: 'inventory', handledAt: '2026-12-07T10:00:00.030Z', hopMs: 30 },
    ]);
    expect(timeline[1].handledBy).toEqual([{ group: 'orders', handledAt: '2026-12-07T10:00:00.250Z', hopMs: 200 }]);
  });

  it("names the order's trace by its oldest event that carries one", () => {
    expect(traceIdOf(mergeTimeline([{ produced: [reserved, placed], handled: [] }]))).toBe(reserved.traceId);
    expect(traceIdOf([placed])).toBeNull();
  });

  it('reads the trace id out of a W3C traceparent, and nothing out of anything else', () => {
    expect(traceIdOfTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
    expect(traceIdOfTraceparent(undefined)).toBeNull();
    expect(traceIdOfTraceparent('garbage')).toBeNull();
  });

  it('links the trace where CONSOLE_TRACE_URL names the viewer, and nowhere without a trace or a viewer', () => {
    const jaeger = 'http://localhost:16686/trace/{traceId}';
    expect(traceUrlOf(jaeger, 'abc')).toBe('http://localhost:16686/trace/abc');
    expect(traceUrlOf('', 'abc')).toBeNull();
    expect(traceUrlOf(jaeger, null)).toBeNull();
  });
});
