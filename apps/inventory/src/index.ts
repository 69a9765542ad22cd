// The context's one public surface: its root module and its settings (docs/adr/0002, 0024).
export { InventoryModule } from './inventory.module';
export { INVENTORY_SETTING_GROUP } from './inventory.settings';
