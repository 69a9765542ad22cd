// The context's one public surface: its root module and its settings (docs/adr/0002, 0024).
export { OrdersModule } from './orders.module';
export { ORDERS_SETTING_GROUP } from './orders.settings';
