import { ordersBenchConfigFromEnv, ordersReproduceCommand } from './orders-bench-config';

describe('bench:orders settings', () => {
  it('runs on a PostgreSQL server at 100 orders/s by default', () => {
    expect(ordersBenchConfigFromEnv({})).toMatchObject({ database: 'postgres', rate: 100, drainTimeoutSeconds: 60 });
  });

  it('runs on the embedded PGlite when told, at a rate and drain timeout of its own unless given', () => {
    expect(ordersBenchConfigFromEnv({ BENCH_ORDERS_DATABASE: 'pglite' })).toMatchObject({
      database: 'pglite',
      rate: 10,
      drainTimeoutSeconds: 180,
    });
    expect(ordersBenchConfigFromEnv({ BENCH_ORDERS_DATABASE: 'pglite', BENCH_ORDERS_RATE: '5' }).rate).toBe(5);
  });

  it('refuses an unknown database by name', () => {
    expect(() => ordersBenchConfigFromEnv({ BENCH_ORDERS_DATABASE: 'sqlite' })).toThrow(
      'BENCH_ORDERS_DATABASE must be one of postgres, pglite',
    );
  });

  it("leaves the server's knobs out of a PGlite run's reproduce line, and keeps them on a server", () => {
    const env = {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      BENCH_PGBENCH_SECONDS: '5',
      BENCH_ORDERS_SECONDS: '5',
      OUTBOX_BATCH_SIZE: '500',
      HOME: '/root',
    };
    expect(ordersReproduceCommand({ ...env, BENCH_ORDERS_DATABASE: 'pglite' })).toBe(
      'BENCH_ORDERS_DATABASE=pglite BENCH_ORDERS_SECONDS=5 OUTBOX_BATCH_SIZE=500 npm run bench:orders',
    );
    expect(ordersReproduceCommand(env)).toBe(
      'BENCH_ORDERS_SECONDS=5 BENCH_PGBENCH_SECONDS=5 DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres ' +
        'OUTBOX_BATCH_SIZE=500 npm run bench:orders',
    );
  });
});
