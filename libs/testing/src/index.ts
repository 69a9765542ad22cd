export * from './eventually';
export * from './test-contracts';
export * from './test-databases';
export * from './event-probes';
export * from './context-test-app';
export * from './kafka-test-cluster';
export * from './test-schema-registry';
export * from './test-environment';
