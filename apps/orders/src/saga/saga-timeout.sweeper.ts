import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@platform/domain';
import { retriedFailureLevel, TransactionRunner } from '@platform/database';
import { SagaRepository } from '../persistence/saga.repository';
import { OrderSagaSetStepper } from './order-saga-set.stepper';
import { OrdersSettings } from '../orders.settings';

/** how many due sagas one tick handles; the next tick takes the rest */
const BATCH = 100;
/** a failing sweep is logged once, then at most this often while it keeps failing */
const REPEAT_LOG_MS = 5_000;

/**
 * Cancels PENDING orders past their deadline (TIMEOUT). A tick's due sagas are handled as one set
 * (OrderSagaSetStepper) in one transaction that first locks those still PENDING and still past
 * their deadline, so several instances, or a sweeper racing a late reply, never cancel one twice.
 * The due list is read before, outside any transaction: on PGlite no transaction may be held
 * while another connection is awaited. Ticks never overlap; the timer does not keep the
 * process alive, and stops (after the tick in progress) when the module is destroyed.
 * A sweep that fails for want of a database (a restart, a failover) is a warning, once and then
 * every few seconds: the next tick tries again and nothing is lost. Only a long outage or another
 * failure is an error (retriedFailureLevel).
 */
@Injectable()
export class SagaTimeoutSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SagaTimeoutSweeper.name);
  private timer?: NodeJS.Timeout;
  private tick?: Promise<void>;
  private stopped = false;
  /** when the sweeps started failing in a row, and when that was last logged */
  private failing?: { since: number; loggedAt: number };

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly sagas: SagaRepository,
    private readonly steps: OrderSagaSetStepper,
    private readonly clock: Clock,
    private readonly settings: OrdersSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.tick;
  }

  /** one pass: cancels every saga due now (up to a batch); returns how many it cancelled */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const due = await this.sagas.findDue(this.dataSource.manager, now, BATCH);
    if (due.length === 0 || this.stopped) return 0;
    return this.cancelAllStillDue(due, now);
  }

  /** one transaction, one set for the saga's set step: the deadline passed for each saga still due */
  private cancelAllStillDue(orderIds: readonly string[], now: Date): Promise<number> {
    return this.transactions.run(async (tx) => {
      const due = await this.sagas.lockDue(tx.manager, orderIds, now);
      const locked = new Map([...due].map(([orderId, saga]) => [orderId, saga.state]));
      const inputs = [...due].map(([orderId, { correlationId, traceparent }]) => ({
        orderId,
        input: { type: 'DeadlinePassed' } as const,
        metadata: { correlationId, traceparent },
      }));
      const outcome = await this.steps.applyAll(tx, locked, inputs, now);
      // every saga in the set is locked, and the machine never refuses a deadline
      if (outcome.kind !== 'applied') throw new Error(`a timeout step was not applied: ${outcome.kind}`);
      return inputs.length;
    });
  }

  private failed(error: unknown): void {
    const now = Date.now();
    const failing = (this.failing ??= { since: now, loggedAt: 0 });
    const level = retriedFailureLevel(error, now - failing.since);
    if (level === 'warn' && now - failing.loggedAt < REPEAT_LOG_MS) return;
    failing.loggedAt = now;
    this.logger[level](`saga timeout sweep failed; retrying at the next tick: ${(error as Error).message}`);
  }

  private recovered(): void {
    if (!this.failing) return;
    this.logger.log(`saga timeout sweeps work again after ${Date.now() - this.failing.since} ms of failures`);
    this.failing = undefined;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick = this.sweep()
        .then(
          () => this.recovered(),
          (error: unknown) => this.failed(error),
        )
        .finally(() => {
          this.tick = undefined;
          this.schedule();
        });
    }, this.settings.sweepIntervalMs);
    this.timer.unref();
  }
}
