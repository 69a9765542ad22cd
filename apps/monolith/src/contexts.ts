import type { Type } from '@nestjs/common';
import type { Environment } from '@platform/config';
import { OrdersModule } from '@contexts/orders';
import { InventoryModule } from '@contexts/inventory';
import { PaymentsModule } from '@contexts/payments';
import { ShippingModule } from '@contexts/shipping';
import { NotificationsModule } from '@contexts/notifications';
import { LoyaltyModule } from '@contexts/loyalty';
import { AnalyticsModule } from '@contexts/analytics';
import { MONOLITH_SETTING_GROUP } from './monolith.settings';

/**
 * Every bounded context the monolith can run, by name. `CONTEXTS=orders,inventory` runs a subset
 * (the rest run as their own processes); unset, all of them run. This is the one place that
 * reaches into apps/<context>, and only for each context's root module (docs/adr/0002).
 */
export const CONTEXT_MODULES: Readonly<Record<string, Type<unknown>>> = {
  orders: OrdersModule,
  inventory: InventoryModule,
  payments: PaymentsModule,
  shipping: ShippingModule,
  notifications: NotificationsModule,
  loyalty: LoyaltyModule,
  analytics: AnalyticsModule,
};

export function selectedContexts(env: Environment): Array<Type<unknown>> {
  const wanted = MONOLITH_SETTING_GROUP.read(env)
    .CONTEXTS.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (wanted.length === 0) return Object.values(CONTEXT_MODULES);
  const unknown = wanted.filter((name) => !(name in CONTEXT_MODULES));
  if (unknown.length > 0) {
    throw new Error(
      `CONTEXTS names unknown context(s): ${unknown.join(', ')}; known: ${Object.keys(CONTEXT_MODULES).join(', ')}`,
    );
  }
  return wanted.map((name) => CONTEXT_MODULES[name]);
}
