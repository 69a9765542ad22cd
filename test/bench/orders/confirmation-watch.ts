import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Placed } from './order-traffic';
import type { PlatformDb } from './platform-db';

/**
 * The client's view of "confirmed" without asking over HTTP for every order: every `intervalMs`
 * one query on the benchmark's own connection asks which of the orders still outstanding have
 * left PENDING. An order is seen at the end of the first poll that finds it, so the figure is an
 * upper bound: the true moment is up to one interval plus one round trip earlier.
 */
export class ConfirmationWatch {
  /** per order: ms from its POST being sent to the poll that first saw it settled, and its status */
  readonly seen = new Map<string, { ms: number; status: string }>();
  private readonly outstanding = new Map<string, number>();
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: PlatformDb,
    private readonly intervalMs = 20,
  ) {}

  add(placed: Placed): void {
    this.outstanding.set(placed.orderId, placed.sentAt);
  }

  start(): void {
    this.running = this.loop();
  }

  get waiting(): number {
    return this.outstanding.size;
  }

  /** resolves once every order added so far was seen, or after `timeoutMs` */
  async drained(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.outstanding.size > 0 && performance.now() < deadline) await sleep(this.intervalMs);
    return this.outstanding.size === 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const next = performance.now() + this.intervalMs;
      if (this.outstanding.size > 0) {
        const settled = await this.db.settledAmong([...this.outstanding.keys()]);
        const now = performance.now();
        for (const { id, status } of settled) {
          const sentAt = this.outstanding.get(id);
          if (sentAt === undefined) continue;
          this.seen.set(id, { ms: now - sentAt, status });
          this.outstanding.delete(id);
        }
      }
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
    }
  }
}
