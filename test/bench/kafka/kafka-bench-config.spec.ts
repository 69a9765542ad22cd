import { CONTEXT_MODULES } from '../../../apps/monolith/src/contexts';
import { CONTEXT_PROCESSES } from './context-processes';
import { kafkaBenchConfigFromEnv, kafkaReproduceCommand } from './kafka-bench-config';

describe('bench:kafka settings', () => {
  it('measures the three deployments in order by default, with the short phases', () => {
    const config = kafkaBenchConfigFromEnv({});
    expect(config.deployments).toEqual(['inprocess', 'kafka', 'split']);
    expect(config).toMatchObject({ rate: 10, seconds: 8, concurrency: 16, fetchMaxWaitMs: 200, build: 'dist' });
  });

  it('takes a subset of deployments and refuses an unknown one by name', () => {
    expect(kafkaBenchConfigFromEnv({ BENCH_KAFKA_DEPLOYMENTS: 'split, kafka' }).deployments).toEqual([
      'split',
      'kafka',
    ]);
    expect(() => kafkaBenchConfigFromEnv({ BENCH_KAFKA_DEPLOYMENTS: 'kafka,mesh' })).toThrow(/mesh; known: inprocess/);
  });

  it('repeats the run with the bench, platform and Kafka knobs that were set, and nothing else', () => {
    const command = kafkaReproduceCommand({
      BENCH_KAFKA_SECONDS: '20',
      KAFKA_FETCH_MAX_WAIT_MS: '50',
      OUTBOX_BATCH_SIZE: '500',
      HOME: '/root',
    });
    expect(command).toBe('BENCH_KAFKA_SECONDS=20 KAFKA_FETCH_MAX_WAIT_MS=50 OUTBOX_BATCH_SIZE=500 npm run bench:kafka');
  });

  it('starts one process per context of the monolith in the split deployment', () => {
    expect([...CONTEXT_PROCESSES].sort()).toEqual(Object.keys(CONTEXT_MODULES).sort());
  });
});
