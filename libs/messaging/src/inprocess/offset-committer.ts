import { Logger } from '@nestjs/common';
import { isPassingConnectionLoss } from '@platform/database';
import type { InProcessLog } from './inprocess-log';

export interface GroupOffset {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  /** the next offset the group will read: every record before it went through the pipeline */
  readonly next: bigint;
}

/**
 * Commits the partition workers' offsets for the whole process: each worker stages its progress
 * after the records went through the pipeline, and every `intervalMs` one multi-row upsert writes
 * whatever was staged, as Kafka consumers commit on an interval. With a hundred workers in the
 * single binary, a commit per worker and read was a statement per record handled under load.
 * A crash loses at most one interval of commits: those records are delivered again, and each
 * group's inbox absorbs them. With `intervalMs` 0 every stage is written before it returns.
 */
export class OffsetCommitter {
  private readonly logger = new Logger(OffsetCommitter.name);
  private readonly staged = new Map<string, GroupOffset>();
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private failuresInARow = 0;

  constructor(
    private readonly log: Pick<InProcessLog, 'commitMany'>,
    private readonly intervalMs: number,
  ) {}

  /** records progress; written by the next flush (at once when the interval is 0) */
  async stage(offset: GroupOffset): Promise<void> {
    this.staged.set(keyOf(offset), offset);
    if (this.intervalMs === 0) return this.flush();
    this.schedule();
  }

  /** writes everything staged so far; resolves once it is in the log */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.staged.values()];
    this.staged.clear();
    // one write at a time, in stage order, so an older offset never overwrites a newer one
    const write = this.writing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.log.commitMany(batch);
      } catch (error) {
        for (const offset of batch) {
          const key = keyOf(offset);
          if (!this.staged.has(key)) this.staged.set(key, offset); // unless a newer one was staged
        }
        if (this.intervalMs > 0) this.schedule();
        throw error;
      }
    });
    this.writing = write.catch(() => undefined);
    return write;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().then(
        () => (this.failuresInARow = 0),
        (error: Error) => {
          this.failuresInARow += 1;
          this.logger[isPassingConnectionLoss(error, this.failuresInARow) ? 'warn' : 'error'](
            `committing offsets failed; retrying at the next interval: ${error.message}`,
          );
        },
      );
    }, this.intervalMs);
  }
}

function keyOf(offset: GroupOffset): string {
  return `${offset.group}\u0000${offset.topic}\u0000${offset.partition}`;
}
