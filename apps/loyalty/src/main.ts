import { runDeployable } from '@platform/http';
import { LoyaltyModule } from './loyalty.module';

// the loyalty context as its own deployable (split-services stage)
runDeployable('loyalty', () => [LoyaltyModule]);
