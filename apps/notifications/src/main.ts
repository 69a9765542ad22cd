import { runDeployable } from '@platform/http';
import { NotificationsModule } from './notifications.module';

// the notifications context as its own deployable (split-services stage)
runDeployable('notifications', () => [NotificationsModule]);
