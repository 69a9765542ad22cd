export * from './env-settings';
export * as setting from './setting';
export type { SettingSpec } from './setting';
export * from './setting-group';
export * from './settings-catalogue';
export * from './closest-name';
export * from './masking';
export * from './environment-token';
