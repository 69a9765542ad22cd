import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, databaseBackends, type Backend } from '@platform/testing';
import { progressOf, startCrashChild as startChild } from './fixtures/pipeline-app/crash-child-process';

const EVENTS = 300;

describe.each(databaseBackends())('crash recovery on %s', (backend: Backend) => {
  it('delivers every event to every subscriber exactly once after a SIGKILL mid-delivery and a restart', async () => {
    const target = backend === 'postgres' ? await createTestDatabase('postgres') : undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'crash-pglite-'));
    const env: NodeJS.ProcessEnv =
      backend === 'postgres' ? { DATABASE_URL: target!.url } : { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir };
    try {
      const first = startChild({ ...env, PRODUCE: String(EVENTS), HANDLER_DELAY_MS: '5' });
      await first.waitFor((l) => l === 'PRODUCED', 'PRODUCED');
      // kill once delivery is well under way but not finished
      const atKill = await first.waitFor((l) => {
        if (!l.startsWith('PROGRESS ')) return false;
        const p = progressOf(l);
        return p.sub_a >= 40 && p.sub_a < EVENTS - 40;
      }, 'progress mid-delivery');
      first.process.kill('SIGKILL');
      expect(await first.exited).toBeNull();

      const second = startChild({ ...env, EXPECT: String(EVENTS) });
      const report = JSON.parse((await second.waitFor((l) => l.startsWith('REPORT '), 'REPORT', 120_000)).slice(7));
      expect(await second.exited).toBe(0);

      expect(progressOf(atKill).sub_a).toBeLessThan(EVENTS);
      for (const group of ['sub_a', 'sub_b']) {
        expect(report[group]).toEqual({
          effects: EVENTS,
          distinct_events: EVENTS,
          distinct_seqs: EVENTS,
          dead_letters: 0,
          keysOutOfOrder: [],
        });
      }
      expect(report.outboxPending).toBe(0);
    } finally {
      await target?.release();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
