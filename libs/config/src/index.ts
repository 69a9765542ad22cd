export * from './env-settings';
export * from './clock';
