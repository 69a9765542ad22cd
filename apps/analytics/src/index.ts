// The context's one public surface: its root module (docs/adr/0002-module-boundaries.md).
export { AnalyticsModule } from './analytics.module';
