import { createTestDatabase, kafkaTestBrokers, kafkaTestEnv, requirePostgresUrl } from '@platform/testing';
import { progressOf, startCrashChild } from './fixtures/pipeline-app/crash-child-process';

const SUITE = 'Kafka crash recovery';
const EVENTS = 300;
const brokers = kafkaTestBrokers(SUITE);
const postgres = requirePostgresUrl(SUITE);

/**
 * The SIGKILL test of crash-recovery.int-spec.ts on Kafka: a consumer process killed
 * mid-stream, without a chance to commit or leave its groups, and started again, resumes
 * from the committed offsets; the inbox absorbs what was applied but not yet committed.
 */
(brokers && postgres ? describe : describe.skip)('crash recovery on Kafka (PostgreSQL)', () => {
  it('applies every event exactly once after a SIGKILL mid-stream and a restart', async () => {
    const target = await createTestDatabase('postgres');
    const env = { ...kafkaTestEnv(brokers!), DATABASE_URL: target.url };
    try {
      const first = startCrashChild({ ...env, PRODUCE: String(EVENTS), HANDLER_DELAY_MS: '10' });
      await first.waitFor((l) => l === 'PRODUCED', 'PRODUCED');
      const atKill = await first.waitFor((l) => {
        if (!l.startsWith('PROGRESS ')) return false;
        const p = progressOf(l);
        return p.sub_a >= 40 && p.sub_a < EVENTS - 40;
      }, 'progress mid-stream');
      first.process.kill('SIGKILL');
      expect(await first.exited).toBeNull();

      // the killed member still holds its partitions until its session times out; then the
      // restarted process gets them and reads from the committed offsets
      const second = startCrashChild({ ...env, EXPECT: String(EVENTS) });
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
      await target.release();
    }
  }, 180_000);
});
