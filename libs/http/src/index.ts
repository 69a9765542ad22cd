export * from './bootstrap';
export * from './graceful-shutdown';
export * from './problem-details.filter';
export * from './swagger';
export * from './validation';
