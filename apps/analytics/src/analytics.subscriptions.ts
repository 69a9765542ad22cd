import type { Type } from '@nestjs/common';
import { UPDATE_ORDER_FACTS_SUBSCRIPTIONS } from './commands/update-order-facts/update-order-facts-when-order-progressed.subscription';

/**
 * Every event the analytics context reacts to, listed once: the module registers these as its
 * event controllers (which events, commands/update-order-facts/ lists in its one table).
 */
export const ANALYTICS_SUBSCRIPTIONS: readonly Type[] = [...UPDATE_ORDER_FACTS_SUBSCRIPTIONS];
