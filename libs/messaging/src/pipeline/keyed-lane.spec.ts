import type { ConsumeOutcome } from './consume-outcome';
import { KeyedLane, type RecordRunner } from './keyed-lane';
import type { ReceivedRecord } from './received-record';

function record(offset: number, key: string): ReceivedRecord {
  return { topic: 't.v1', partition: 0, offset: String(offset), key, headers: {}, value: Buffer.alloc(0) };
}

/**
 * A pipeline stand-in: records whose offset is in `retrying` fail their first attempt and wait
 * (as a retry back-off would) until the test releases them, or until the lane stops.
 */
class ScriptedPipeline {
  readonly handled: string[] = [];
  private readonly releases = new Map<number, (outcome: ConsumeOutcome | Error) => void>();

  constructor(private readonly retrying: readonly number[]) {}

  readonly run: RecordRunner = async (r, signal, onRetrying) => {
    const offset = Number(r.offset);
    if (this.retrying.includes(offset)) {
      onRetrying();
      const outcome = await new Promise<ConsumeOutcome | Error>((resolve) => {
        this.releases.set(offset, resolve);
        signal.addEventListener('abort', () => resolve('aborted'), { once: true });
      });
      if (outcome instanceof Error) throw outcome;
      if (outcome === 'aborted') return outcome;
    }
    this.handled.push(`${r.key}@${offset}`);
    return 'handled';
  };

  release(offset: number, outcome: ConsumeOutcome | Error = 'handled'): void {
    this.releases.get(offset)!(outcome);
  }

  isWaiting(offset: number): boolean {
    return this.releases.has(offset);
  }
}

async function offerAll(lane: KeyedLane, records: ReceivedRecord[]): Promise<void> {
  for (const r of records) expect(await lane.offer(r)).toBe('continue');
}

describe('KeyedLane', () => {
  it('lets the other keys go on while one waits for a retry, and keeps that key in order behind it', async () => {
    const pipeline = new ScriptedPipeline([11]);
    const lane = new KeyedLane(pipeline.run, { maxHeldUpRecords: 100 });
    await offerAll(lane, [record(10, 'a'), record(11, 'b'), record(12, 'a'), record(13, 'b'), record(14, 'c')]);

    expect(pipeline.handled).toEqual(['a@10', 'a@12', 'c@14']);
    expect(lane.committable).toBe(11n); // never past the held-up record
    expect(lane.pending).toBe(2); // b@11 and b@13 behind it

    pipeline.release(11);
    await lane.drain();
    expect(pipeline.handled).toEqual(['a@10', 'a@12', 'c@14', 'b@11', 'b@13']);
    expect(lane.committable).toBe(15n);
  });

  it('reports the committable offset once per move', async () => {
    const pipeline = new ScriptedPipeline([]);
    const lane = new KeyedLane(pipeline.run, { maxHeldUpRecords: 100 });
    expect(lane.uncommitted).toBeUndefined();
    await offerAll(lane, [record(0, 'a'), record(1, 'a')]);
    expect(lane.uncommitted).toBe(2n);
    lane.markCommitted(2n);
    expect(lane.uncommitted).toBeUndefined();
  });

  it('tells its owner when a held-up record finished, so the offset can be committed while no new record arrives', async () => {
    const pipeline = new ScriptedPipeline([5]);
    const settled: unknown[] = [];
    const lane = new KeyedLane(pipeline.run, { maxHeldUpRecords: 100, onSettled: (error) => settled.push(error) });
    await offerAll(lane, [record(5, 'a'), record(6, 'b')]);
    expect(settled).toEqual([]);
    pipeline.release(5);
    await lane.drain();
    expect(settled).toEqual([undefined]);
    expect(lane.committable).toBe(7n);
  });

  it('waits, holding up the partition, once more records than the limit are held up', async () => {
    const pipeline = new ScriptedPipeline([1, 2]);
    const lane = new KeyedLane(pipeline.run, { maxHeldUpRecords: 2 });
    await offerAll(lane, [record(1, 'a'), record(2, 'b')]);
    let taken = false;
    const third = lane.offer(record(3, 'a')).then((outcome) => ((taken = true), outcome));
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toBe(false); // three held up (a@1, b@2 and a@3 queued), over the limit of 2
    pipeline.release(2);
    expect(await third).toBe('continue');
    expect(pipeline.handled).toEqual(['b@2']);
    pipeline.release(1);
    await lane.drain();
    expect(pipeline.handled).toEqual(['b@2', 'a@1', 'a@3']);
  });

  it('cuts retry waits short when it stops, leaves those records unfinished and starts nothing queued', async () => {
    const pipeline = new ScriptedPipeline([20]);
    const lane = new KeyedLane(pipeline.run, { maxHeldUpRecords: 100 });
    await offerAll(lane, [record(20, 'a'), record(21, 'a'), record(22, 'b')]);
    await lane.stop();
    expect(pipeline.handled).toEqual(['b@22']);
    expect(lane.committable).toBe(20n);
    expect(await lane.offer(record(23, 'c'))).toBe('aborted');
  });

  it('stops when its consumer stops', async () => {
    const consumer = new AbortController();
    const pipeline = new ScriptedPipeline([1]);
    const lane = new KeyedLane(pipeline.run, { maxHeldUpRecords: 100 }, consumer.signal);
    await offerAll(lane, [record(1, 'a')]);
    consumer.abort();
    await lane.drain();
    expect(lane.committable).toBe(1n);
  });

  it('surfaces a held-up record that could not finish, and never runs its key past it', async () => {
    const pipeline = new ScriptedPipeline([1]);
    const settled: unknown[] = [];
    const lane = new KeyedLane(pipeline.run, { maxHeldUpRecords: 100, onSettled: (error) => settled.push(error) });
    await offerAll(lane, [record(1, 'a'), record(2, 'a'), record(3, 'b')]);
    const failure = new Error('the dead letter could not be written');
    pipeline.release(1, failure);
    await lane.drain();
    expect(settled).toEqual([failure, undefined]);
    expect(pipeline.handled).toEqual(['b@3']);
    expect(lane.committable).toBe(1n);
    expect(() => lane.throwIfFailed()).toThrow(failure);
    await expect(lane.offer(record(4, 'c'))).rejects.toBe(failure);
  });

  it('rethrows at once a record that could not finish without waiting for a retry', async () => {
    const lane = new KeyedLane(
      async () => {
        throw new Error('database gone');
      },
      { maxHeldUpRecords: 100 },
    );
    await expect(lane.offer(record(7, 'a'))).rejects.toThrow('database gone');
    expect(lane.committable).toBe(7n);
  });
});
