import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, databaseBackends, type Backend } from '@platform/testing';
import { CRASH_SCENARIO, killMidDeliveryAndRestart } from './fixtures/pipeline-app/crash-scenario';

// The crash scenario on the in-process transport, on each database backend: the restarted
// process resumes from the log positions its groups had acknowledged. On Kafka:
// kafka-crash-recovery.int-spec.ts.
describe.each(databaseBackends())('crash recovery on %s', (backend: Backend) => {
  it(
    CRASH_SCENARIO,
    async () => {
      const target = backend === 'postgres' ? await createTestDatabase('postgres') : undefined;
      const dataDir = mkdtempSync(join(tmpdir(), 'crash-pglite-'));
      try {
        await killMidDeliveryAndRestart(
          backend === 'postgres' ? { DATABASE_URL: target!.url } : { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir },
          5,
        );
      } finally {
        await target?.release();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
