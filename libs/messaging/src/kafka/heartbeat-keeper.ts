import { Logger } from '@nestjs/common';
import { rejoinCause } from './group-membership-errors';

/**
 * Keeps a group member alive while one record takes long (a slow handler, retries with
 * back-off): kafkajs heartbeats only between records, and a member silent for the session
 * timeout is thrown out of the group and its partitions handed to another member mid-record.
 * A heartbeat answered with "rebalance" is remembered, so the batch stops after the record in
 * progress and the member rejoins instead of starting the next record on a partition it lost.
 */
export class HeartbeatKeeper {
  private readonly logger = new Logger(HeartbeatKeeper.name);
  private rejoin?: Error;
  private beating = false;

  constructor(
    private readonly heartbeat: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** the broker's request to rejoin, once one was seen */
  get rejoinRequest(): Error | undefined {
    return this.rejoin;
  }

  async during<T>(work: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => void this.beat(), this.intervalMs);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  async beat(): Promise<void> {
    if (this.rejoin || this.beating) return;
    this.beating = true;
    try {
      await this.heartbeat();
    } catch (error) {
      const cause = rejoinCause(error);
      if (cause) this.rejoin = cause;
      else this.logger.warn(`heartbeat failed: ${(error as Error).message}`);
    } finally {
      this.beating = false;
    }
  }
}
