import { runDeployable } from '@platform/http';
import { PaymentsModule } from './payments.module';

// the payments context as its own deployable (split-services stage)
runDeployable('payments', () => [PaymentsModule]);
