// The process host: what every deployable's and CLI's composition root does (docs/adr/0024).
export * from './dot-env';
export * from './environment-at-start';
export * from './environment.module';
export * from './platform-root';
export * from './platform-settings';
export * from './run-deployable';
