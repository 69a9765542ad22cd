export * from './connection-loss';
export * from './connection-watch';
export * from './context-data-source';
export * from './database-target';
export * from './database-url';
export * from './embedded-postgres';
export * from './schema-of';
export * from './transaction';
