export * from './kafka-replay';
export * from './replay-plan';
export * from './replay-progress';
