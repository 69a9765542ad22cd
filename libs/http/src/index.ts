export * from './bootstrap';
export * from './graceful-shutdown';
export * from './problem-details.filter';
export * from './swagger';
export * from './validation';
export * from './admin-auth.guard';
export * from './platform-root';
export * from './run-deployable';
