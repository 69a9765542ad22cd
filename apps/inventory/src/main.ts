import { runDeployable } from '@platform/host';
import { InventoryModule } from './inventory.module';
import { INVENTORY_SETTING_GROUP } from './inventory.settings';

// the inventory context as its own deployable (split-services stage): its composition root
runDeployable(
  { service: 'inventory', settings: [INVENTORY_SETTING_GROUP], contexts: () => [InventoryModule] },
  process.env,
  process.argv,
);
