import type { Type } from '@nestjs/common';
import { SAGA_REPLY_SUBSCRIPTIONS } from './commands/apply-saga-reply/apply-saga-replies-when-replied.subscription';
import { UpdatePriceListWhenProductUpdated } from './commands/update-price-list/update-price-list-when-product-updated.subscription';

/** Every event the orders context consumes (consumer group `orders`), listed once; OrdersModule registers them. */
export const ORDERS_SUBSCRIPTIONS: readonly Type[] = [UpdatePriceListWhenProductUpdated, ...SAGA_REPLY_SUBSCRIPTIONS];
