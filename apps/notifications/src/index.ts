// The context's one public surface: its root module and its settings (docs/adr/0002, 0024).
export { NotificationsModule } from './notifications.module';
export { NOTIFICATIONS_SETTING_GROUP } from './notifications.settings';
