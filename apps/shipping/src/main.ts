import { runDeployable } from '@platform/host';
import { ShippingModule } from './shipping.module';
import { SHIPPING_SETTING_GROUP } from './shipping.settings';

// the shipping context as its own deployable (split-services stage): its composition root
runDeployable(
  { service: 'shipping', settings: [SHIPPING_SETTING_GROUP], contexts: () => [ShippingModule] },
  process.env,
  process.argv,
);
