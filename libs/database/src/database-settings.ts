import { setting, SettingGroup } from '@platform/config';

/** Where every context's data lives: a PostgreSQL server, or the embedded PGlite when no URL applies. */
export const DATABASE_SETTINGS = new SettingGroup(
  'database',
  {
    DATABASE_URL: setting.optional('a PostgreSQL server for every context (each in its own schema) and the log'),
    DATABASE_POOL_SIZE: setting.int(5, 'connection pool per context, and for the log, on a PostgreSQL server'),
    DATABASE_PREPARED_STATEMENTS: setting.bool(
      true,
      'on a PostgreSQL server, run repeated statements as prepared ones; false behind a pooler that cannot keep them',
    ),
    PGLITE_DATA_DIR: setting.text('./data/pglite', "the embedded database's folder; memory:// keeps it in memory"),
    PGLITE_MAX_CONNECTIONS: setting.int(200, "connections PGlite's loopback socket server accepts"),
  },
  {
    families: [
      {
        label: '<CONTEXT>_DATABASE_URL',
        pattern: /^[A-Z][A-Z0-9_]*_DATABASE_URL$/,
        meaning: 'one context (or the log: MESSAGING) on another database; wins over DATABASE_URL',
        secret: false,
      },
    ],
  },
);
