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

  it('profiles every platform process only when told where to keep the profiles', () => {
    expect(kafkaBenchConfigFromEnv({}).profileDir).toBeUndefined();
    expect(kafkaBenchConfigFromEnv({ BENCH_KAFKA_PROFILE_DIR: '/tmp/prof' }).profileDir).toBe('/tmp/prof');
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

  it('restarts a second payments instance once with SIGTERM in the split deployment by default', () => {
    expect(kafkaBenchConfigFromEnv({}).rolling).toEqual({
      context: 'payments',
      rate: 10,
      seconds: 10,
      signals: ['SIGTERM'],
      httpIntervalMs: 20,
    });
  });

  it('takes the rolling restart from its own knobs, and follows the phase A rate unless told', () => {
    const rolling = kafkaBenchConfigFromEnv({
      BENCH_KAFKA_RATE: '5',
      BENCH_KAFKA_ROLLING_CONTEXT: 'inventory',
      BENCH_KAFKA_ROLLING_SIGNALS: 'sigterm, SIGKILL',
      BENCH_KAFKA_ROLLING_SECONDS: '4',
      BENCH_KAFKA_ROLLING_HTTP_MS: '0',
    }).rolling;
    expect(rolling).toEqual({
      context: 'inventory',
      rate: 5,
      seconds: 4,
      signals: ['SIGTERM', 'SIGKILL'],
      httpIntervalMs: 0,
    });
  });

  it('skips the rolling restart when asked, or when the split deployment is not measured', () => {
    expect(kafkaBenchConfigFromEnv({ BENCH_KAFKA_ROLLING_CONTEXT: 'none' }).rolling).toBeUndefined();
    expect(kafkaBenchConfigFromEnv({ BENCH_KAFKA_DEPLOYMENTS: 'kafka' }).rolling).toBeUndefined();
  });

  it('refuses to restart the orders process the customers post to, an unknown context or signal', () => {
    expect(() => kafkaBenchConfigFromEnv({ BENCH_KAFKA_ROLLING_CONTEXT: 'orders' })).toThrow(
      /orders; known: inventory/,
    );
    expect(() => kafkaBenchConfigFromEnv({ BENCH_KAFKA_ROLLING_CONTEXT: 'billing' })).toThrow(/billing/);
    expect(() => kafkaBenchConfigFromEnv({ BENCH_KAFKA_ROLLING_SIGNALS: 'SIGHUP' })).toThrow(
      /SIGHUP; known: SIGTERM, SIGKILL/,
    );
  });

  it('cuts loyalty over to its shadow in the split deployment by default, at the phase A rate', () => {
    expect(kafkaBenchConfigFromEnv({}).cutOver).toEqual({ context: 'loyalty', rate: 10, seconds: 5 });
    expect(kafkaBenchConfigFromEnv({ BENCH_KAFKA_RATE: '4', BENCH_KAFKA_CUTOVER_SECONDS: '3' }).cutOver).toEqual({
      context: 'loyalty',
      rate: 4,
      seconds: 3,
    });
    expect(kafkaBenchConfigFromEnv({ BENCH_KAFKA_RATE: '4', BENCH_KAFKA_CUTOVER_RATE: '2' }).cutOver?.rate).toBe(2);
  });

  it('skips the cut-over when asked, or when the split deployment is not measured, whatever phase C does', () => {
    expect(kafkaBenchConfigFromEnv({ BENCH_KAFKA_CUTOVER_CONTEXT: 'none' }).cutOver).toBeUndefined();
    expect(kafkaBenchConfigFromEnv({ BENCH_KAFKA_DEPLOYMENTS: 'inprocess,kafka' }).cutOver).toBeUndefined();
    expect(kafkaBenchConfigFromEnv({ BENCH_KAFKA_ROLLING_CONTEXT: 'none' }).cutOver?.context).toBe('loyalty');
  });

  it('refuses a context whose cut-over under traffic needs --force, saying so', () => {
    expect(() => kafkaBenchConfigFromEnv({ BENCH_KAFKA_CUTOVER_CONTEXT: 'payments' })).toThrow(
      /payments; known: loyalty, or none .*needs --force/,
    );
  });

  it('repeats the cut-over knobs in the reproduce line', () => {
    expect(kafkaReproduceCommand({ BENCH_KAFKA_CUTOVER_CONTEXT: 'none' })).toBe(
      'BENCH_KAFKA_CUTOVER_CONTEXT=none npm run bench:kafka',
    );
  });

  it('starts one process per context of the monolith in the split deployment', () => {
    expect([...CONTEXT_PROCESSES].sort()).toEqual(Object.keys(CONTEXT_MODULES).sort());
  });
});
