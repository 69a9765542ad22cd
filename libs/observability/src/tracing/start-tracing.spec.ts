import { Logger } from '@nestjs/common';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { Store, storage } from 'nestjs-pino/storage';
import { eventually } from '@platform/testing';
import { traceConsume } from './consumer-span';
import { traceparentForNewEvent } from './producer-span';
import { startTracing, tracingConfigured } from './start-tracing';
import { tracingEnabled } from './tracing-state';

// every SDK package, wrapped so the test sees whether anything imported it
const mockLoaded = new Set<string>();
jest.mock('@opentelemetry/sdk-trace-node', () => {
  mockLoaded.add('@opentelemetry/sdk-trace-node');
  return jest.requireActual('@opentelemetry/sdk-trace-node');
});
jest.mock('@opentelemetry/exporter-trace-otlp-http', () => {
  mockLoaded.add('@opentelemetry/exporter-trace-otlp-http');
  return jest.requireActual('@opentelemetry/exporter-trace-otlp-http');
});
jest.mock('@opentelemetry/resources', () => {
  mockLoaded.add('@opentelemetry/resources');
  return jest.requireActual('@opentelemetry/resources');
});
jest.mock('@opentelemetry/core', () => {
  mockLoaded.add('@opentelemetry/core');
  return jest.requireActual('@opentelemetry/core');
});

const INHERITED = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const EVENT = { system: 'inprocess', topic: 'orders.order-placed.v1', eventId: 'e-1', correlationId: 'c-1' };

describe('tracing, off unless configured', () => {
  const saved = { ...process.env };
  const OTEL = /^OTEL_/;
  /** the process environment with only these OTEL_* variables (what the SDK reads; startTracing is given it) */
  const withOtelEnv = (vars: NodeJS.ProcessEnv): void => {
    for (const name of Object.keys(process.env)) if (OTEL.test(name)) delete process.env[name];
    Object.assign(process.env, vars);
  };

  beforeEach(() => withOtelEnv({}));
  afterEach(() => {
    mockLoaded.clear();
    process.env = { ...saved };
  });

  it('is off without an OTLP endpoint: no SDK package is loaded and the API stays a no-op', async () => {
    // when
    const handle = await startTracing({ service: 'monolith', env: process.env });
    // then
    expect(handle).toBeUndefined();
    expect(tracingEnabled()).toBe(false);
    expect([...mockLoaded]).toEqual([]);
    const span = trace.getTracer('any').startSpan('any');
    expect(span.isRecording()).toBe(false);
    expect(isSpanContextValid(span.spanContext())).toBe(false);
  });

  it('passes an event its cause’s traceparent unchanged and runs a record’s work as it is, while off', async () => {
    expect(traceparentForNewEvent(EVENT, INHERITED)).toBe(INHERITED);
    expect(traceparentForNewEvent(EVENT, undefined)).toBeUndefined();
    await expect(
      traceConsume({ ...EVENT, group: 'g', partition: 0, offset: '1' }, async () => 'handled'),
    ).resolves.toBe('handled');
    expect([...mockLoaded]).toEqual([]);
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }, false],
    [{}, false],
  ])('is configured by %p: %p', (env, on) => {
    expect(tracingConfigured(env)).toBe(on);
  });

  it('starts the SDK when an endpoint is set, honours OTEL_TRACES_SAMPLER, and stops', async () => {
    // given: nothing sampled, so nothing is sent to the (absent) collector
    withOtelEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_SAMPLER: 'always_off' });
    const handle = await startTracing({ service: 'orders', env: process.env });
    try {
      // then
      expect(tracingEnabled()).toBe(true);
      expect(mockLoaded).toContain('@opentelemetry/sdk-trace-node');
      expect(mockLoaded).toContain('@opentelemetry/exporter-trace-otlp-http');
      const traceparent = traceparentForNewEvent(EVENT, INHERITED);
      // a child of the inherited context (no span is active here): same trace, a span of its own,
      // not sampled (always_off ignores the parent's choice)
      expect(traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00$/);
      expect(traceparent).not.toContain('00f067aa0ba902b7');
    } finally {
      await handle?.stop();
    }
    expect(tracingEnabled()).toBe(false);
    expect(trace.getTracer('any').startSpan('any').isRecording()).toBe(false);
  });

  it('refuses a sampler ratio outside 0..1', async () => {
    withOtelEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_SAMPLER_ARG: '2' });
    await expect(startTracing({ service: 'orders', env: process.env })).rejects.toThrow(
      'OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got "2"',
    );
    expect(tracingEnabled()).toBe(false);
  });

  it('reports an unreachable collector as plain warnings outside any request, and bounds the final flush', async () => {
    // given: a collector that refuses connections, batches exported every 50 ms, a final flush of 300 ms at most
    withOtelEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_BSP_SCHEDULE_DELAY: '50' });
    process.env.TRACING_SHUTDOWN_FLUSH_MS = '300';
    const warnings: Array<{ message: string; request: unknown; span: unknown }> = [];
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push({ message: String(message), request: storage.getStore(), span: trace.getActiveSpan() });
    });
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const handle = await startTracing({ service: 'orders', env: process.env });
    try {
      // when: a span ends inside a request (its log context and its active span), which starts the export timer
      const request = new Store({} as ConstructorParameters<typeof Store>[0]);
      storage.run(request, () => {
        const span = trace.getTracer('t').startSpan('POST /orders');
        context.with(trace.setSpan(context.active(), span), () => span.end());
      });
      // then: the failed export is a warning, in plain words, logged outside that request
      const failed = await eventually(
        async () => warnings.filter((w) => w.message.startsWith('could not export spans')),
        (found) => found.length > 0,
        { expected: 'a warning that the export failed', timeoutMs: 10_000 },
      );
      expect(failed[0].message).toMatch(
        /^could not export spans, they are dropped: connect ECONNREFUSED 127\.0\.0\.1:9/,
      );
      expect(failed[0].request).toBeUndefined();
      expect(failed[0].span).toBeUndefined();

      // when: more spans, then the final flush at shutdown
      storage.run(request, () => trace.getTracer('t').startSpan('POST /orders').end());
      const started = Date.now();
      await handle?.stop();
      // then: it waited for the flush and the provider's shutdown, 300 ms each at most, not the exporter's retries
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(error).not.toHaveBeenCalled();
      expect(warnings.every((w) => !w.message.startsWith('{') && w.request === undefined)).toBe(true);
    } finally {
      warn.mockRestore();
      error.mockRestore();
      if (tracingEnabled()) await handle?.stop();
    }
  });
});
