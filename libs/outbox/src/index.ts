export * from './outbox-notifications';
export * from './outbox-relay';
export * from './outbox-relay-options';
export * from './outbox-writer';
export * from './outbox.migration';
export * from './pending-rows';
export * from './record-publisher';
export * from './wakeup';
