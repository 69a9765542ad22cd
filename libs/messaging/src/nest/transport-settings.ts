import { setting, SettingGroup } from '@platform/config';

/** Which transport a deployable runs, and how the in-process one works (docs/adr/0005, 0010). */
export const TRANSPORT_SETTINGS = new SettingGroup('transport', {
  TRANSPORT: setting.oneOf(
    ['inprocess', 'kafka'] as const,
    'inprocess',
    'inprocess: the durable log in PostgreSQL; kafka: Kafka topics',
  ),
  INPROCESS_PARTITIONS: setting.int(8, 'partitions per topic of the in-process log; change only on an empty log'),
  INPROCESS_BATCH_SIZE: setting.int(100, 'records a partition worker reads at a time'),
  INPROCESS_COMMIT_INTERVAL_MS: setting.int(
    100,
    "how often partition workers' offsets are committed (ms); 0: after every read",
    { min: 0 },
  ),
  INPROCESS_IDLE_POLL_MS: setting.int(5000, 'fallback poll of an idle partition worker (ms)'),
  INPROCESS_RETENTION_HOURS: setting.int(168, 'records of the in-process log older than this are deleted'),
});
