import type { Offsets } from 'kafkajs';
import { OffsetCommits } from './offset-commits';

/** a coordinator whose requests stay in flight until released, recording each one */
function coordinator() {
  const requests: Offsets[] = [];
  const pending: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  const send = (offsets: Offsets): Promise<void> => {
    requests.push(offsets);
    return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
  };
  const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return { requests, pending, send, flush };
}

describe('OffsetCommits', () => {
  it('sends a quiet commit at once, alone', async () => {
    const c = coordinator();
    const commits = new OffsetCommits();
    const done = commits.commit('pre.a.v1', 3, 11n, c.send);
    await c.flush();
    expect(c.requests).toEqual([{ topics: [{ topic: 'pre.a.v1', partitions: [{ partition: 3, offset: '11' }] }] }]);
    c.pending[0].resolve();
    await expect(done).resolves.toBeUndefined();
  });

  it('carries every commit asked for while one is in flight in the next request, the highest offset per partition', async () => {
    const c = coordinator();
    const commits = new OffsetCommits();
    const first = commits.commit('pre.a.v1', 0, 5n, c.send);
    await c.flush();
    const answered: string[] = [];
    const waiting = [
      commits.commit('pre.a.v1', 1, 7n, c.send).then(() => answered.push('a1')),
      commits.commit('pre.b.v1', 0, 2n, c.send).then(() => answered.push('b0')),
      commits.commit('pre.a.v1', 1, 9n, c.send).then(() => answered.push('a1 again')),
    ];
    await c.flush();
    expect(c.requests).toHaveLength(1); // they wait for the request in flight
    c.pending[0].resolve();
    await first;
    await c.flush();
    expect(c.requests).toHaveLength(2);
    expect(c.requests[1]).toEqual({
      topics: [
        { topic: 'pre.a.v1', partitions: [{ partition: 1, offset: '9' }] },
        { topic: 'pre.b.v1', partitions: [{ partition: 0, offset: '2' }] },
      ],
    });
    expect(answered).toEqual([]); // answered only once their request was acknowledged
    c.pending[1].resolve();
    await Promise.all(waiting);
    expect(answered.sort()).toEqual(['a1', 'a1 again', 'b0']);
  });

  it('fails every commit of a failed request, a rebalance refusal unwrapped so that kafkajs rejoins, and goes on', async () => {
    const c = coordinator();
    const commits = new OffsetCommits();
    const first = commits.commit('pre.a.v1', 0, 5n, c.send);
    const second = commits.commit('pre.a.v1', 1, 6n, c.send);
    const third = commits.commit('pre.a.v1', 2, 7n, c.send);
    c.pending[0].resolve();
    await first;
    await c.flush();
    const rebalance = Object.assign(new Error('The group is rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
    c.pending[1].reject(Object.assign(new Error('wrapped by the retrier'), { cause: rebalance }));
    await expect(second).rejects.toBe(rebalance);
    await expect(third).rejects.toBe(rebalance);
    const after = commits.commit('pre.a.v1', 1, 6n, c.send);
    await c.flush();
    expect(c.requests).toHaveLength(3);
    c.pending[2].resolve();
    await expect(after).resolves.toBeUndefined();
  });
});
