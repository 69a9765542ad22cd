import { commitOrRejoin, rejoinCause } from './group-membership-errors';

const protocolError = (type: string): Error => Object.assign(new Error(`broker says ${type}`), { type });

describe('rejoinCause', () => {
  it('finds a rebalance refusal wrapped by kafkajs', () => {
    const refusal = protocolError('REBALANCE_IN_PROGRESS');
    const wrapped = Object.assign(new Error('The group is rebalancing, so a rejoin is needed'), {
      name: 'KafkaJSNonRetriableError',
      cause: refusal,
    });
    expect(rejoinCause(wrapped)).toBe(refusal);
  });

  it.each(['ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'NOT_COORDINATOR_FOR_GROUP'])('treats %s as a rejoin', (type) => {
    const error = protocolError(type);
    expect(rejoinCause(error)).toBe(error);
  });

  it('leaves other errors alone', () => {
    expect(rejoinCause(protocolError('TOPIC_AUTHORIZATION_FAILED'))).toBeUndefined();
    expect(rejoinCause(new Error('boom'))).toBeUndefined();
    expect(rejoinCause(undefined)).toBeUndefined();
  });
});

describe('commitOrRejoin', () => {
  it('rethrows the unwrapped refusal', async () => {
    const refusal = protocolError('ILLEGAL_GENERATION');
    await expect(commitOrRejoin(() => Promise.reject(new Error('wrapped', { cause: refusal })))).rejects.toBe(refusal);
  });

  it('rethrows anything else unchanged', async () => {
    const other = new Error('network');
    await expect(commitOrRejoin(() => Promise.reject(other))).rejects.toBe(other);
  });
});
