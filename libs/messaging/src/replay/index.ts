export * from './event-replay';
export * from './replay-progress';
