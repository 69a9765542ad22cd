// The context's one public surface: its root module and its settings (docs/adr/0002, 0024).
export { AnalyticsModule } from './analytics.module';
export { ANALYTICS_SETTING_GROUP } from './analytics.settings';
