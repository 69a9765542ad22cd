import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { KafkaJSConnectionError, type Kafka } from 'kafkajs';
import { InfrastructureWaits } from '../pipeline/infrastructure-waits';
import type { ConsumerPipeline } from '../pipeline/consumer-pipeline';
import { GroupConsumer } from './group-consumer';
import type { KafkaSettings } from './kafka-settings';
import { KafkaNaming } from './kafka-naming';

// A consumer whose brokers cannot be reached waits for them: a warning rather than an error,
// counted as waiting on its broker (metrics, readiness) until it joins its group again. kafkajs'
// consumer is a stand-in whose events the test fires.
describe('GroupConsumer, when the brokers cannot be reached', () => {
  class FakeConsumer extends EventEmitter {
    readonly events = { GROUP_JOIN: 'group.join', CRASH: 'consumer.crash' };
    connect = async (): Promise<void> => undefined;
    subscribe = async (): Promise<void> => undefined;
    run = async (): Promise<void> => undefined;
    stop = async (): Promise<void> => undefined;
    disconnect = async (): Promise<void> => undefined;
  }

  const SETTINGS = {
    sessionTimeoutMs: 6_000,
    heartbeatIntervalMs: 1_000,
    rebalanceTimeoutMs: 6_000,
    maxWaitTimeMs: 100,
    partitionsConsumedConcurrently: 1,
    commitEveryRecords: 1,
    restartDelayMs: 60_000, // no restart within the test
  } as unknown as KafkaSettings['consumer'];

  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  async function started(): Promise<{ group: GroupConsumer; fake: FakeConsumer; waits: InfrastructureWaits }> {
    const fake = new FakeConsumer();
    const kafka = { consumer: () => fake } as unknown as Kafka;
    const waits = new InfrastructureWaits();
    const pipeline = { waits } as unknown as ConsumerPipeline;
    const group = new GroupConsumer(kafka, new KafkaNaming('', ''), 'orders', [], pipeline, SETTINGS);
    await group.start();
    return { group, fake, waits };
  }

  it('waits for them as a warning, says so in readiness, and stops waiting once it joins again', async () => {
    // given
    const { group, fake, waits } = await started();
    // when: the consumer crashes on a connection the brokers refused
    fake.emit('consumer.crash', {
      payload: { error: new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092') },
    });
    await new Promise((resolve) => setImmediate(resolve));
    // then
    expect(error).not.toHaveBeenCalled();
    expect(String(warn.mock.calls[0]?.[0])).toContain('cannot reach the brokers');
    expect(waits.isWaiting('orders', 'broker')).toBe(true);
    expect(group.notConsumingReason).toMatch(/orders waits for its broker for [\d.]+ s \(KafkaJSConnectionError/);

    // when: it joins its group again
    fake.emit('group.join', { payload: { memberId: 'm-1', memberAssignment: {} } });
    // then
    expect(waits.isWaiting('orders', 'broker')).toBe(false);
    await group.stop();
  });

  it('still reports a crash of its own as an error, not as a wait', async () => {
    const { group, fake, waits } = await started();
    fake.emit('consumer.crash', {
      payload: { error: new Error('orders received x.v1, which it does not subscribe to') },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(error).toHaveBeenCalled();
    expect(waits.isWaiting('orders', 'broker')).toBe(false);
    await group.stop();
  });
});
