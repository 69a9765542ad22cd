export * from './alert';
export * from './alert-catalogue';
export * from './alerts-now';
export * from './metrics-snapshot';
