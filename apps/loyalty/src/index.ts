// The context's one public surface: its root module and its settings (docs/adr/0002, 0024).
export { LoyaltyModule } from './loyalty.module';
export { LOYALTY_SETTING_GROUP } from './loyalty.settings';
