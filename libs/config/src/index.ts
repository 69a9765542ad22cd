export * from './env-settings';
