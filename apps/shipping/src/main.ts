import { runDeployable } from '@platform/http';
import { ShippingModule } from './shipping.module';

// the shipping context as its own deployable (split-services stage)
runDeployable('shipping', () => [ShippingModule]);
