import { setting, SettingGroup, type Environment } from '@platform/config';

export const INVENTORY_SETTING_GROUP = new SettingGroup('inventory', {
  INVENTORY_SEED_DEMO: setting.bool(true, 'seed ~20 demo products into an empty catalogue at start'),
});

/** The inventory context's settings, parsed once from the root's environment. */
export interface InventorySettings {
  readonly seedDemoCatalogue: boolean;
}

export const INVENTORY_SETTINGS = Symbol('INVENTORY_SETTINGS');

export function inventorySettingsFrom(env: Environment): InventorySettings {
  return { seedDemoCatalogue: INVENTORY_SETTING_GROUP.read(env).INVENTORY_SEED_DEMO };
}
