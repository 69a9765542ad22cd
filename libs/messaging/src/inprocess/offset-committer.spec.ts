import { Logger } from '@nestjs/common';
import { eventually } from '@platform/testing';
import { OffsetCommitter, type GroupOffset } from './offset-committer';

// When the process's offsets reach the log: every interval in one write, at once with interval 0,
// in order, and never lost when a write fails. The log is a stand-in that records each write.

class RecordingLog {
  readonly writes: GroupOffset[][] = [];
  failNext = false;

  async commitMany(offsets: readonly GroupOffset[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('connection lost');
    }
    this.writes.push([...offsets]);
  }
}

const at = (group: string, partition: number, next: number): GroupOffset => ({
  group,
  topic: 't',
  partition,
  next: BigInt(next),
});

describe('OffsetCommitter', () => {
  it('writes what many workers staged within an interval in one write, the latest offset of each', async () => {
    const log = new RecordingLog();
    const committer = new OffsetCommitter(log, 20);
    await committer.stage(at('a', 0, 5));
    await committer.stage(at('a', 1, 3));
    await committer.stage(at('b', 0, 9));
    await committer.stage(at('a', 0, 7)); // the same partition again: only the newer one is written
    expect(log.writes).toEqual([]);

    await eventually(
      async () => log.writes.length,
      (n) => n === 1,
      { expected: 'one write after the interval' },
    );
    expect(log.writes[0]).toEqual([at('a', 0, 7), at('a', 1, 3), at('b', 0, 9)]);
  });

  it('writes each stage before it returns when the interval is 0', async () => {
    const log = new RecordingLog();
    const committer = new OffsetCommitter(log, 0);
    await committer.stage(at('a', 0, 1));
    expect(log.writes).toEqual([[at('a', 0, 1)]]);
    await committer.stage(at('a', 0, 2));
    expect(log.writes).toEqual([[at('a', 0, 1)], [at('a', 0, 2)]]);
  });

  it('flush writes at once (as on close), and writes nothing when nothing is staged', async () => {
    const log = new RecordingLog();
    const committer = new OffsetCommitter(log, 60_000);
    await committer.flush();
    expect(log.writes).toEqual([]);
    await committer.stage(at('a', 0, 4));
    await committer.flush();
    expect(log.writes).toEqual([[at('a', 0, 4)]]);
  });

  it('keeps offsets whose write failed for the next write, unless a newer one was staged meanwhile', async () => {
    const log = new RecordingLog();
    const committer = new OffsetCommitter(log, 60_000);
    await committer.stage(at('a', 0, 4));
    await committer.stage(at('a', 1, 2));
    log.failNext = true;
    const failed = committer.flush();
    await committer.stage(at('a', 1, 6)); // staged while the failing write is in flight
    await expect(failed).rejects.toThrow('connection lost');

    await committer.flush();
    expect(log.writes).toEqual([[at('a', 1, 6), at('a', 0, 4)]]);
  });

  it('retries a failed interval write at the next interval without a new stage', async () => {
    const log = new RecordingLog();
    const committer = new OffsetCommitter(log, 20);
    log.failNext = true;
    await committer.stage(at('a', 0, 3));
    await eventually(
      async () => log.writes,
      (writes) => writes.length === 1,
      { expected: 'the offset written by a later interval' },
    );
    expect(log.writes).toEqual([[at('a', 0, 3)]]);
  });

  it('logs a database that restarts as warnings, a few lines, never an error, however many intervals fail', async () => {
    // given: the log's database refuses connections for 600 ms, 30 intervals of 20 ms
    const log = new RecordingLog();
    const refusedUntil = Date.now() + 600;
    log.commitMany = async (offsets) => {
      if (Date.now() < refusedUntil)
        throw Object.assign(new Error('the database system is starting up'), { code: '57P03' });
      log.writes.push([...offsets]);
    };
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const committer = new OffsetCommitter(log, 20);
      // when
      await committer.stage(at('a', 0, 3));
      await eventually(
        async () => log.writes,
        (writes) => writes.length === 1,
        { expected: 'the offset written once the database is back' },
      );
      // then
      expect(error).not.toHaveBeenCalled();
      expect(warn.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(warn.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('logs a failure that is not a lost connection as an error at once', async () => {
    const log = new RecordingLog();
    let broken = true;
    log.commitMany = async (offsets) => {
      if (broken) throw new Error('relation "messaging.group_offsets" does not exist');
      log.writes.push([...offsets]);
    };
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const committer = new OffsetCommitter(log, 20);
      await committer.stage(at('a', 0, 3));
      await eventually(
        async () => error.mock.calls.length,
        (n) => n >= 1,
        { expected: 'an error logged' },
      );
      broken = false; // so the committer stops retrying
      await eventually(
        async () => log.writes.length,
        (n) => n === 1,
        { expected: 'the retried write' },
      );
    } finally {
      error.mockRestore();
    }
  });
});
