import { Logger } from '@nestjs/common';
import { retriedFailureLevel } from '@platform/database';
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
  /** when the commits started failing in a row, and when that was last logged */
  private failing?: { since: number; loggedAt: number };

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

  /**
   * A database that does not answer (a restart, a failover) is a warning, once and then every
   * few seconds, not one line per interval: the offsets wait here and nothing is lost. Only a long
   * outage (LONG_OUTAGE_MS) or a failure that is not a lost connection is an error.
   */
  private failed(error: Error): void {
    const now = Date.now();
    const failing = (this.failing ??= { since: now, loggedAt: 0 });
    const level = retriedFailureLevel(error, now - failing.since);
    if (level === 'warn' && now - failing.loggedAt < REPEAT_LOG_MS) return;
    failing.loggedAt = now;
    const forMs = now - failing.since;
    this.logger[level](
      `committing offsets failed${forMs > 0 ? ` for ${forMs} ms` : ''}; retrying at the next interval: ${error.message}`,
    );
  }

  private recovered(): void {
    if (!this.failing) return;
    this.logger.log(`offsets committed again after ${Date.now() - this.failing.since} ms of failures`);
    this.failing = undefined;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().then(
        () => this.recovered(),
        (error: Error) => this.failed(error),
      );
    }, this.intervalMs);
  }
}

/** a failing commit is logged once, then at most this often while it keeps failing */
const REPEAT_LOG_MS = 5_000;

function keyOf(offset: GroupOffset): string {
  return `${offset.group}\u0000${offset.topic}\u0000${offset.partition}`;
}
