import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, Refusal, type Refusable } from '@platform/domain';
import { TransactionRunner } from '@platform/database';
import { OutboxWriter } from '@platform/outbox';
import { unknownSku, type Product } from '../../domain/product';
import { decideStockAdjustment } from '../../domain/stock-adjustment';
import { lockProduct, saveProductChanges } from '../../persistence/product.repository';
import { productUpdatedEvent } from '../product-updated.event';
import { AdjustStockCommand } from './adjust-stock.command';

/**
 * Corrects on_hand under the product's row lock, so a reservation running at the same time
 * either sees the old count or the new one, and the below-reserved rule holds against both.
 */
@CommandHandler(AdjustStockCommand)
export class AdjustStockHandler implements ICommandHandler<AdjustStockCommand> {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ sku, delta, correlationId }: AdjustStockCommand): Promise<Refusable<Product>> {
    return this.transactions.run(async (tx) => {
      const current = await lockProduct(tx.manager, sku);
      if (!current) return unknownSku(sku);
      const decision = decideStockAdjustment(current, delta, this.clock.now());
      if (!decision.ok) return Refusal.invalid(decision.code, decision.detail);
      await saveProductChanges(tx.manager, decision.product);
      await this.outbox.append(tx, { correlationId }, [productUpdatedEvent(decision.product)]);
      return decision.product;
    });
  }
}
