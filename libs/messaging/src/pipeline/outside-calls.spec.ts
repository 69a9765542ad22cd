import type { Transaction } from '@platform/database';
import type { EventEnvelope } from '@platform/events';
import { MessageContext, MessageSetContext } from './message-context';
import { allOrFirstFailure, OutsideCalls } from './outside-calls';

/** a set of records with these event ids, in a transaction whose commit runs its after-commit hooks */
function setOf(eventIds: readonly string[], attempt = 1): { set: MessageSetContext; commit: () => void } {
  const hooks: Array<() => void> = [];
  const tx = { afterCommit: (hook: () => void) => hooks.push(hook) } as unknown as Transaction;
  const records = eventIds.map((eventId, offset) => {
    const delivery = { group: 'g', topic: 't', partition: 0, offset: String(offset), attempt };
    return new MessageContext(tx, delivery, { eventId, correlationId: 'c' } as EventEnvelope);
  });
  return { set: new MessageSetContext(tx, records), commit: () => hooks.forEach((hook) => hook()) };
}

describe('OutsideCalls', () => {
  it('throws the failure a record had in its set again when it runs alone, without calling', async () => {
    const calls = new OutsideCalls();
    const refused = new Error('refused');
    await expect(calls.call(setOf(['a', 'b']).set, 1, () => Promise.reject(refused))).rejects.toBe(refused);

    const call = jest.fn(() => Promise.resolve('booked'));
    await expect(calls.call(setOf(['b']).set, 0, call)).rejects.toBe(refused);
    expect(call).not.toHaveBeenCalled();
    // once: its retry calls again
    await expect(calls.call(setOf(['b']).set, 0, call)).resolves.toBe('booked');
  });

  it('keeps nothing for a set of one, nor for another attempt of the record', async () => {
    const calls = new OutsideCalls();
    await expect(calls.call(setOf(['a']).set, 0, () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(calls.call(setOf(['a']).set, 0, () => Promise.resolve(1))).resolves.toBe(1);

    await expect(calls.call(setOf(['a', 'b'], 1).set, 0, () => Promise.reject(new Error('y')))).rejects.toThrow('y');
    await expect(calls.call(setOf(['a'], 2).set, 0, () => Promise.resolve(2))).resolves.toBe(2);
  });

  it('calls again for a neighbour, unless told to keep answers: then the run apart gets the answer of the set', async () => {
    const again = new OutsideCalls();
    await again.call(setOf(['a', 'b']).set, 0, () => Promise.resolve('first'));
    expect(await again.call(setOf(['a']).set, 0, () => Promise.resolve('second'))).toBe('second');

    const keeping = new OutsideCalls({ keepAnswers: true });
    await keeping.call(setOf(['a', 'b']).set, 0, () => Promise.resolve('first'));
    const call = jest.fn(() => Promise.resolve('second'));
    expect(await keeping.call(setOf(['a']).set, 0, call)).toBe('first');
    expect(call).not.toHaveBeenCalled();
  });

  it('drops what a set kept once it commits', async () => {
    const calls = new OutsideCalls({ keepAnswers: true });
    const { set, commit } = setOf(['a', 'b']);
    await calls.call(set, 0, () => Promise.resolve('first'));
    commit();
    expect(await calls.call(setOf(['a']).set, 0, () => Promise.resolve('second'))).toBe('second');
  });
});

describe('allOrFirstFailure', () => {
  it('waits for every call before it throws the first failure in order', async () => {
    // a call still running when two others have failed, finished only when the test says so
    let finishLate!: (value: number) => void;
    const late = new Promise<number>((resolve) => (finishLate = resolve));
    const work = [Promise.resolve(1), Promise.reject(new Error('second')), Promise.reject(new Error('third')), late];
    let settled = false;
    const all = allOrFirstFailure(work).finally(() => (settled = true));
    await new Promise(setImmediate); // every settled promise has been seen by now
    expect(settled).toBe(false);
    finishLate(3);
    await expect(all).rejects.toThrow('second');
  });

  it('answers the values in order', async () => {
    expect(await allOrFirstFailure([Promise.resolve(1), Promise.resolve(2)])).toEqual([1, 2]);
  });
});
