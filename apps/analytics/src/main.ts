import { runDeployable } from '@platform/host';
import { AnalyticsModule } from './analytics.module';
import { ANALYTICS_SETTING_GROUP } from './analytics.settings';

// the analytics context as its own deployable (split-services stage): its composition root
runDeployable(
  { service: 'analytics', settings: [ANALYTICS_SETTING_GROUP], contexts: () => [AnalyticsModule] },
  process.env,
  process.argv,
);
