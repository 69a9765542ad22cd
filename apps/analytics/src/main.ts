import { runDeployable } from '@platform/http';
import { AnalyticsModule } from './analytics.module';

// the analytics context as its own deployable (split-services stage)
runDeployable('analytics', () => [AnalyticsModule]);
