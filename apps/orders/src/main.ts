import { runDeployable } from '@platform/http';
import { OrdersModule } from './orders.module';

// the orders context as its own deployable (split-services stage)
runDeployable('orders', () => [OrdersModule]);
