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
});
