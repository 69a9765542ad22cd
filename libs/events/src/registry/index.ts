export * from './confluent-wire-format';
export * from './registry-record-decoder';
export * from './schema-registry-client';
