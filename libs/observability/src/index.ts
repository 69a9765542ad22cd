export * from './platform-metrics';
export * from './log-context';
export * from './readiness';
export * from './correlation-id';
export * from './health.controller';
export * from './observability.module';
export * from './tracing';
export * from './observability-settings';
