export * from './consumer-span';
export * from './http-span';
export * from './log-trace-ids';
export * from './producer-span';
export * from './start-tracing';
export { tracingEnabled, activeTracing } from './tracing-state';
export * from './tracing-flush';
