import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@platform/domain';
import { TransactionRunner } from '@platform/database';
import { newEventId } from '@platform/events';
import { OutboxWriter } from '@platform/outbox';
import { INVENTORY } from '../../context';
import { INVENTORY_SETTINGS, type InventorySettings } from '../../inventory.settings';
import { DEMO_CATALOGUE } from '../../domain/demo-catalogue';
import { createProduct } from '../../domain/product';
import { ProductEntity } from '../../persistence/product.entity';
import { productUpdatedEvent } from '../product-updated.event';

/**
 * At start, fills an EMPTY catalogue with the demo products (INVENTORY_SEED_DEMO, default true),
 * so `npm start` can take orders at once. One transaction: the products and their
 * product-updated events (which fill orders' price list) commit together or not at all. The
 * table lock makes a second process starting at the same moment wait and then find the
 * catalogue no longer empty; a catalogue that was ever filled is never touched again.
 */
@Injectable()
export class SeedDemoCatalogueOnStart implements OnModuleInit {
  private readonly logger = new Logger(SeedDemoCatalogueOnStart.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(INVENTORY_SETTINGS) private readonly settings: InventorySettings,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.settings.seedDemoCatalogue) return;
    const seeded = await this.transactions.run(async (tx) => {
      await tx.manager.query(`LOCK TABLE ${INVENTORY}.product IN SHARE ROW EXCLUSIVE MODE`);
      if (await tx.manager.exists(ProductEntity)) return 0;
      const now = this.clock.now();
      const products = DEMO_CATALOGUE.map((input) => createProduct(input, now));
      await tx.manager.insert(ProductEntity, products);
      await this.outbox.append(
        tx,
        { correlationId: `inventory-seed-${newEventId()}` },
        products.map(productUpdatedEvent),
      );
      return products.length;
    });
    if (seeded > 0) this.logger.log(`seeded the empty catalogue with ${seeded} demo products`);
  }
}
