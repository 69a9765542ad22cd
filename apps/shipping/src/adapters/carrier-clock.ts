import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, isRefusal } from '@platform/domain';
import { DataSource } from 'typeorm';
import { AdvanceShipmentCommand } from '../commands/advance-shipment/advance-shipment.command';
import { ShipmentRepository } from '../persistence/shipment.repository';
import { SHIPPING_SETTINGS, type ShippingSettings } from '../shipping.settings';

const BATCH = 100;

/**
 * The fake carrier's progress: every SHIPPING_TICK_MS it finds the shipments it has moved on
 * (dispatched SHIPPING_DISPATCH_AFTER_MS after creation, delivered SHIPPING_DELIVER_AFTER_MS
 * after dispatch) and advances each in a transaction of its own. No SKIP LOCKED, which means
 * nothing on PGlite: one shipment at a time, and the conditional update makes a second
 * instance's attempt a no-op. Passes never overlap; the timer is unref'd and stopped (after
 * the pass in flight) when the module is destroyed. SHIPPING_AUTO_ADVANCE=false turns it off.
 */
@Injectable()
export class CarrierClock implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CarrierClock.name);
  private timer?: NodeJS.Timeout;
  private pass?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly shipments: ShipmentRepository,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
    @Inject(SHIPPING_SETTINGS) private readonly settings: ShippingSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.autoAdvance) return;
    this.timer = setInterval(() => void this.tick(), this.settings.tickMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.pass;
  }

  /** one pass now (also what tests call when the timer is off); resolves to the steps taken */
  tick(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.pass ??= this.advanceDue().finally(() => (this.pass = undefined));
    return this.pass;
  }

  private async advanceDue(): Promise<number> {
    let advanced = 0;
    try {
      const due = await this.shipments.findDue(this.dataSource.manager, this.clock.now(), this.settings, BATCH);
      for (const orderId of due) {
        if (this.stopped) break;
        const outcome = await this.commands.execute(new AdvanceShipmentCommand(orderId, { by: 'carrier-clock' }));
        if (!isRefusal(outcome)) advanced += 1;
      }
    } catch (error) {
      // the next tick tries again; a failed step rolled back whole
      this.logger.warn(`advancing due shipments failed: ${(error as Error).message}`);
    }
    return advanced;
  }
}
