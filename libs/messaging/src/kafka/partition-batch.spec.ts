import type { Batch, EachBatchPayload, KafkaMessage, Offsets } from 'kafkajs';
import type { ConsumeOutcome, Subscription } from '../pipeline/consumer-pipeline';
import { KeyedLane } from '../pipeline/keyed-lane';
import type { ReceivedRecord } from '../pipeline/received-record';
import { consumePartitionBatch } from './partition-batch';

const SUBSCRIPTION: Subscription = { group: 'g', topic: 'things.v1', handler: () => undefined };

function message(offset: number): KafkaMessage {
  return {
    offset: String(offset),
    key: Buffer.from('k'),
    value: Buffer.from([1]),
    headers: {},
    timestamp: '0',
    attributes: 0,
  };
}

/** a fetched batch of offsets 10.. on partition 2, recording what the consumer commits */
function fakePayload(count: number, overrides: Partial<EachBatchPayload> = {}) {
  const commits: string[] = [];
  const resolved: string[] = [];
  const payload = {
    batch: {
      topic: 'pre.things.v1',
      partition: 2,
      messages: Array.from({ length: count }, (_, i) => message(10 + i)),
    } as unknown as Batch,
    resolveOffset: (offset: string) => void resolved.push(offset),
    heartbeat: async () => undefined,
    pause: () => () => undefined,
    commitOffsetsIfNecessary: async (offsets?: Offsets) => {
      commits.push(offsets!.topics[0].partitions[0].offset);
    },
    uncommittedOffsets: () => ({ topics: [] }),
    isRunning: () => true,
    isStale: () => false,
    ...overrides,
  } satisfies EachBatchPayload;
  return { payload, commits, resolved };
}

/** a lane whose pipeline answers each record with `outcome` */
function laneAnswering(outcome: (record: ReceivedRecord) => ConsumeOutcome | Error): KeyedLane {
  return new KeyedLane(
    async (record) => {
      const result = outcome(record);
      if (result instanceof Error) throw result;
      return result;
    },
    { maxHeldUpRecords: 100 },
  );
}

const options = { heartbeatIntervalMs: 1000, commitEveryRecords: 2 };

describe('consumePartitionBatch', () => {
  it('hands records to the pipeline under the catalogue topic and commits the next offset behind them', async () => {
    const seen: ReceivedRecord[] = [];
    const { payload, commits, resolved } = fakePayload(5);
    await consumePartitionBatch(
      payload,
      SUBSCRIPTION,
      laneAnswering((r) => (seen.push(r), 'handled')),
      new AbortController().signal,
      options,
    );
    expect(seen.map((r) => [r.topic, r.partition, r.offset])).toEqual(
      [10, 11, 12, 13, 14].map((o) => ['things.v1', 2, String(o)]),
    );
    expect(resolved).toEqual(['10', '11', '12', '13', '14']);
    expect(commits).toEqual(['12', '14', '15']); // every 2 records, then the end of the batch
  });

  it('moves the fetch past a record waiting for a retry, and commits only up to it', async () => {
    const { payload, commits, resolved } = fakePayload(4);
    let release!: () => void;
    const lane = new KeyedLane(
      async (r, _signal, onRetrying) => {
        if (r.offset === '11') {
          onRetrying();
          await new Promise<void>((resolve) => (release = resolve));
        }
        return 'handled';
      },
      { maxHeldUpRecords: 100 },
    );
    // every record has key 'k' except 11, so the records behind it do not queue behind it
    payload.batch.messages[1] = { ...payload.batch.messages[1], key: Buffer.from('other') };
    await consumePartitionBatch(payload, SUBSCRIPTION, lane, new AbortController().signal, options);
    expect(resolved).toEqual(['10', '11', '12', '13']);
    expect(commits).toEqual(['11']); // 12 and 13 finished, 11 did not
    release();
    await lane.drain();
    expect(lane.uncommitted).toBe(14n);
  });

  it('never commits past a record the pipeline did not finish', async () => {
    const { payload, commits } = fakePayload(4);
    const failing = laneAnswering((r) =>
      r.offset === '12' ? new Error('dead letter could not be written') : 'handled',
    );
    await expect(
      consumePartitionBatch(payload, SUBSCRIPTION, failing, new AbortController().signal, options),
    ).rejects.toThrow('dead letter could not be written');
    expect(commits).toEqual(['12']);
  });

  it('stops at an aborted record (a retry cut short by shutdown) and commits what finished', async () => {
    const { payload, commits, resolved } = fakePayload(4);
    const aborting = laneAnswering((r) => (r.offset === '11' ? 'aborted' : 'handled'));
    await consumePartitionBatch(payload, SUBSCRIPTION, aborting, new AbortController().signal, {
      ...options,
      commitEveryRecords: 100,
    });
    expect(resolved).toEqual(['10']);
    expect(commits).toEqual(['11']);
  });

  it('stops after the record in progress when a heartbeat says the group rebalances, and rethrows that unwrapped', async () => {
    const rebalance = Object.assign(new Error('The group is rebalancing, so a rejoin is needed'), {
      type: 'REBALANCE_IN_PROGRESS',
    });
    const { payload, commits } = fakePayload(4, {
      heartbeat: async () => {
        throw new Error('wrapped', { cause: rebalance });
      },
    });
    await expect(
      consumePartitionBatch(
        payload,
        SUBSCRIPTION,
        laneAnswering(() => 'handled'),
        new AbortController().signal,
        {
          ...options,
          commitEveryRecords: 100,
        },
      ),
    ).rejects.toBe(rebalance);
    expect(commits).toEqual(['11']);
  });

  it('rethrows a commit refused during a rebalance unwrapped, so kafkajs rejoins instead of crashing', async () => {
    const refusal = Object.assign(new Error('rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
    const wrapped = Object.assign(new Error('rebalancing'), { name: 'KafkaJSNonRetriableError', cause: refusal });
    const { payload } = fakePayload(1, { commitOffsetsIfNecessary: () => Promise.reject(wrapped) });
    await expect(
      consumePartitionBatch(
        payload,
        SUBSCRIPTION,
        laneAnswering(() => 'handled'),
        new AbortController().signal,
        options,
      ),
    ).rejects.toBe(refusal);
  });

  describe('with keysAtOnce', () => {
    const atOnce = { ...options, commitEveryRecords: 100, keysAtOnce: true };

    /** a batch of offsets 10.. whose records have these keys */
    function keyed(keys: string[], overrides: Partial<EachBatchPayload> = {}) {
      const fake = fakePayload(keys.length, overrides);
      keys.forEach((key, i) => (fake.payload.batch.messages[i] = { ...message(10 + i), key: Buffer.from(key) }));
      return fake;
    }

    /** a lane whose records finish only when released, recording what started */
    function gatedLane(fail: (offset: string) => Error | undefined = () => undefined) {
      const started: string[] = [];
      const gates = new Map<string, () => void>();
      const lane = new KeyedLane(
        async (record) => {
          started.push(record.offset);
          await new Promise<void>((resolve) => gates.set(record.offset, resolve));
          const error = fail(record.offset);
          if (error) throw error;
          return 'handled';
        },
        { maxHeldUpRecords: 100 },
      );
      const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
      const release = async (offset: string): Promise<void> => {
        await flush();
        gates.get(offset)!();
        await flush();
      };
      return { lane, started, release, flush };
    }

    it('takes records of different keys at once and one key after the other, then fetches past the batch', async () => {
      const { payload, commits, resolved } = keyed(['a', 'b', 'a', 'b']);
      const { lane, started, release, flush } = gatedLane();
      const consuming = consumePartitionBatch(payload, SUBSCRIPTION, lane, new AbortController().signal, atOnce);
      await flush();
      expect(started).toEqual(['10', '11']); // a and b together; each key's second waits for its first
      await release('11');
      expect(started).toEqual(['10', '11', '13']);
      await release('10');
      expect(started).toEqual(['10', '11', '13', '12']);
      await release('13');
      await release('12');
      await consuming;
      expect(resolved).toEqual(['13']);
      expect(commits).toEqual(['14']);
    });

    it('never commits past a record it did not take when the batch stops', async () => {
      let running = true;
      const { payload, commits, resolved } = keyed(['a', 'a', 'b'], { isRunning: () => running });
      const { lane, started, release } = gatedLane();
      const consuming = consumePartitionBatch(payload, SUBSCRIPTION, lane, new AbortController().signal, atOnce);
      await release('12'); // b finished; 11 waits behind 10
      running = false; // the consumer stops while 10 runs
      await release('10');
      await consuming;
      expect(started).toEqual(['10', '12']); // 11 was never taken
      expect(commits).toEqual(['11']); // not 13, although 12 finished
      expect(resolved).toEqual([]);
      expect(lane.uncommitted).toBeUndefined();
    });

    it('stops taking records when one could not be finished at all, and rethrows it after the others', async () => {
      const { payload, commits } = keyed(['a', 'a', 'b', 'b']);
      const { lane, started, release } = gatedLane((offset) =>
        offset === '10' ? new Error('dead letter could not be written') : undefined,
      );
      const consuming = consumePartitionBatch(payload, SUBSCRIPTION, lane, new AbortController().signal, atOnce);
      const failed = expect(consuming).rejects.toThrow('dead letter could not be written');
      await release('10');
      await release('12');
      await failed;
      expect(started).toEqual(['10', '12']); // neither 11 (behind the failure) nor 13 (after it) was taken
      expect(commits).toEqual(['10']);
    });
  });
});
