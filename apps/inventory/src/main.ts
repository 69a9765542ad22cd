import { runDeployable } from '@platform/http';
import { InventoryModule } from './inventory.module';

// the inventory context as its own deployable (split-services stage)
runDeployable('inventory', () => [InventoryModule]);
