import type { INestApplication } from '@nestjs/common';
import { SpanKind, SpanStatusCode, trace, type SpanContext } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { startTracing, type TracingHandle } from '@platform/observability';
import { describeKafkaProcesses, eventually, TestEventV1Contract } from '@platform/testing';
import { readWithKcat } from '../../../../test/e2e/support/kcat-records';
import { FAULTS, faultsFor } from '../../../../test/fixtures/pipeline-app/fault-plan';
import { startPipelineApp } from '../../../../test/fixtures/pipeline-app/pipeline-app';
import { TestProducer } from '../../../../test/fixtures/pipeline-app/producer-context';

const GROUP = 'kafka_traced';
const TOPIC = TestEventV1Contract.topic;

/**
 * The trace crosses Kafka: the event's `traceparent` (its create span) travels as a record
 * header, and the consumer on the other side of the broker continues the trace from it.
 */
describeKafkaProcesses('tracing across the Kafka transport (PostgreSQL, Kafka)', (world) => {
  const exporter = new InMemorySpanExporter();
  let tracing: TracingHandle | undefined;
  let app: INestApplication;

  beforeAll(async () => {
    tracing = await startTracing({ service: 'kafka-tracing-test', exporter, env: {} });
    process.env.CONSUMER_RETRY_BASE_MS = '5';
    app = await startPipelineApp([GROUP]);
  });

  afterAll(async () => {
    await app?.close();
    await tracing?.stop();
    FAULTS.clear();
  });

  /** emits one event inside a span of the test's own, as a request would; returns that span's context */
  const emitTraced = (seq: number, entityId: string): Promise<SpanContext> =>
    trace.getTracer('test').startActiveSpan('test request', async (span) => {
      await app.get(TestProducer).emit([{ entityId, seq, note: '' }], `corr-${entityId}`);
      span.end();
      return span.spanContext();
    });

  const consumerSpanOf = (traceId: string): Promise<ReadableSpan> =>
    eventually(
      () =>
        exporter.getFinishedSpans().find((s) => s.spanContext().traceId === traceId && s.kind === SpanKind.CONSUMER),
      (s) => s !== undefined,
      { expected: `a consumer span in trace ${traceId}`, timeoutMs: 30_000 },
    ) as Promise<ReadableSpan>;

  it('carries the create span as the traceparent header of the Kafka record, and the consumer continues it', async () => {
    const { traceId, spanId: requestSpanId } = await emitTraced(1, 'traced-ok');
    const consumed = await consumerSpanOf(traceId);

    const created = exporter
      .getFinishedSpans()
      .find((s) => s.spanContext().spanId === consumed.parentSpanContext?.spanId);
    expect(created).toMatchObject({ name: `create ${TOPIC}`, kind: SpanKind.PRODUCER });
    expect(created!.parentSpanContext?.spanId).toBe(requestSpanId);
    expect(consumed.name).toBe(`process ${TOPIC}`);
    expect(consumed.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.consumer.group.name': GROUP,
      'messaging.destination.name': TOPIC,
      'messaging.message.conversation_id': 'corr-traced-ok',
      'platform.outcome': 'handled',
      'platform.attempt': 1,
    });
    expect(typeof consumed.attributes['messaging.kafka.offset']).toBe('number');

    const records = await readWithKcat(world.brokers, `${world.env.KAFKA_TOPIC_PREFIX}${TOPIC}`);
    const record = records.find((r) => r.key === 'traced-ok');
    expect(record?.headers.traceparent).toBe(`00-${traceId}-${created!.spanContext().spanId}-01`);
  });

  it('records each failed attempt, and ends a dead-lettered record with status ERROR', async () => {
    faultsFor(GROUP).failPermanently.add(2);
    const { traceId } = await emitTraced(2, 'traced-dead');
    const consumed = await consumerSpanOf(traceId);

    expect(consumed.attributes['platform.outcome']).toBe('dead_lettered');
    expect(consumed.status).toEqual({ code: SpanStatusCode.ERROR, message: 'TEST.NEVER' });
    expect(consumed.events.filter((e) => e.name === 'exception')).toHaveLength(1);
  });
});
