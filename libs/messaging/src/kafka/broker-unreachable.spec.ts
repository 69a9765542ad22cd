import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import { brokerUnreachable } from './broker-unreachable';

// Which consumer crashes mean "the brokers cannot be reached" (wait, restart, never give up)
describe('brokerUnreachable', () => {
  it('recognises a connection error, also once kafkajs gave up retrying it', () => {
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    expect(brokerUnreachable(refused)).toBe(true);
    expect(brokerUnreachable(new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 1_000 }))).toBe(
      true,
    );
    expect(
      brokerUnreachable(
        new KafkaJSNonRetriableError(new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 1_000 })),
      ),
    ).toBe(true);
  });

  it('recognises a socket error', () => {
    expect(brokerUnreachable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
  });

  it('does not take the consumer’s own failures for an unreachable broker', () => {
    expect(brokerUnreachable(new Error('orders received t.v1, which it does not subscribe to'))).toBe(false);
    expect(brokerUnreachable(new KafkaJSNonRetriableError('The group is rebalancing, so a rejoin is needed'))).toBe(
      false,
    );
    expect(brokerUnreachable(undefined)).toBe(false);
  });
});
