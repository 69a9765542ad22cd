// The context's one public surface: its root module and its settings (docs/adr/0002, 0024).
export { ShippingModule } from './shipping.module';
export { SHIPPING_SETTING_GROUP } from './shipping.settings';
