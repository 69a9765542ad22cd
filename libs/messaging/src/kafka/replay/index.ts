export * from './kafka-replay';
export * from './replay-plan';
