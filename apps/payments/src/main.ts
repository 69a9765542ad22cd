import { runDeployable } from '@platform/host';
import { PaymentsModule } from './payments.module';
import { PAYMENTS_SETTING_GROUP } from './payments.settings';

// the payments context as its own deployable (split-services stage): its composition root
runDeployable(
  { service: 'payments', settings: [PAYMENTS_SETTING_GROUP], contexts: () => [PaymentsModule] },
  process.env,
  process.argv,
);
