import { runDeployable } from '@platform/host';
import { OrdersModule } from './orders.module';
import { ORDERS_SETTING_GROUP } from './orders.settings';

// the orders context as its own deployable (split-services stage): its composition root
runDeployable(
  { service: 'orders', settings: [ORDERS_SETTING_GROUP], contexts: () => [OrdersModule] },
  process.env,
  process.argv,
);
