import { runDeployable } from '@platform/host';
import { LoyaltyModule } from './loyalty.module';
import { LOYALTY_SETTING_GROUP } from './loyalty.settings';

// the loyalty context as its own deployable (split-services stage): its composition root
runDeployable(
  { service: 'loyalty', settings: [LOYALTY_SETTING_GROUP], contexts: () => [LoyaltyModule] },
  process.env,
  process.argv,
);
