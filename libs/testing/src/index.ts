export * from './eventually';
export * from './test-contracts';
export * from './test-databases';
