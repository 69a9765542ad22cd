import { runDeployable } from '@platform/host';
import { NotificationsModule } from './notifications.module';
import { NOTIFICATIONS_SETTING_GROUP } from './notifications.settings';

// the notifications context as its own deployable (split-services stage): its composition root
runDeployable(
  { service: 'notifications', settings: [NOTIFICATIONS_SETTING_GROUP], contexts: () => [NotificationsModule] },
  process.env,
  process.argv,
);
