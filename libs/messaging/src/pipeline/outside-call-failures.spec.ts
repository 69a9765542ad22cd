import type { Transaction } from '@platform/database';
import type { EventEnvelope } from '@platform/events';
import { MessageContext, MessageSetContext } from './message-context';
import { allOrFirstFailure, OutsideCallFailures } from './outside-call-failures';

const tx = {} as Transaction;

function setOf(eventIds: readonly string[], attempt = 1): MessageSetContext {
  const records = eventIds.map((eventId, offset) => {
    const delivery = { group: 'g', topic: 't', partition: 0, offset: String(offset), attempt };
    return new MessageContext(tx, delivery, { eventId, correlationId: 'c' } as EventEnvelope);
  });
  return new MessageSetContext(tx, records);
}

describe('OutsideCallFailures', () => {
  it('throws the failure a record had in its set again when it runs alone, without calling', async () => {
    const failures = new OutsideCallFailures();
    const refused = new Error('refused');
    await expect(failures.call(setOf(['a', 'b']), 1, () => Promise.reject(refused))).rejects.toBe(refused);

    const call = jest.fn(() => Promise.resolve('booked'));
    await expect(failures.call(setOf(['b']), 0, call)).rejects.toBe(refused);
    expect(call).not.toHaveBeenCalled();
    // once: its retry calls again
    await expect(failures.call(setOf(['b']), 0, call)).resolves.toBe('booked');
  });

  it('keeps nothing for a set of one, nor for another attempt of the record', async () => {
    const failures = new OutsideCallFailures();
    await expect(failures.call(setOf(['a']), 0, () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(failures.call(setOf(['a']), 0, () => Promise.resolve(1))).resolves.toBe(1);

    await expect(failures.call(setOf(['a', 'b'], 1), 0, () => Promise.reject(new Error('y')))).rejects.toThrow('y');
    await expect(failures.call(setOf(['a'], 2), 0, () => Promise.resolve(2))).resolves.toBe(2);
  });
});

describe('allOrFirstFailure', () => {
  it('waits for every call before it throws the first failure in order', async () => {
    let lateDone = false;
    const late = new Promise<number>((resolve) => setTimeout(() => ((lateDone = true), resolve(3)), 20));
    const work = [Promise.resolve(1), Promise.reject(new Error('second')), Promise.reject(new Error('third')), late];
    await expect(allOrFirstFailure(work)).rejects.toThrow('second');
    expect(lateDone).toBe(true);
  });

  it('answers the values in order', async () => {
    expect(await allOrFirstFailure([Promise.resolve(1), Promise.resolve(2)])).toEqual([1, 2]);
  });
});
