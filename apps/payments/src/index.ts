// The context's one public surface: its root module and its settings (docs/adr/0002, 0024).
export { PaymentsModule } from './payments.module';
export { PAYMENTS_SETTING_GROUP } from './payments.settings';
