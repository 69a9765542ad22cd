import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { processCpu } from './process-cpu';

/**
 * The floor under every statement on this machine: one client sends a trivial parameterised
 * statement `count` times, back to back, and the CPU both ends used is divided by the count.
 * Multiplied by the statements an order costs, it says how much of the CPU per order is the
 * round trips themselves rather than the work in them.
 */
export interface RoundTripCost {
  readonly count: number;
  readonly perSecond: number;
  /** Node CPU (pg driver, sockets, event loop) per round trip, µs */
  readonly nodeUs: number;
  /** the backend's CPU per round trip, µs */
  readonly backendUs?: number;
}

export async function roundTripCost(url: string, count = 5_000): Promise<RoundTripCost> {
  const client = new Client({ connectionString: url, application_name: 'bench:orders round trips' });
  await client.connect();
  try {
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    for (let i = 0; i < 200; i += 1) await client.query('SELECT $1::int AS x', [i]); // warm
    const backend = processCpu(pid);
    const node = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < count; i += 1) await client.query('SELECT $1::int AS x', [i]);
    const ms = performance.now() - started;
    const used = process.cpuUsage(node);
    const backendAfter = processCpu(pid);
    return {
      count,
      perSecond: (count / ms) * 1000,
      nodeUs: (used.user + used.system) / count,
      backendUs:
        backend && backendAfter
          ? ((backendAfter.userMs + backendAfter.systemMs - backend.userMs - backend.systemMs) * 1000) / count
          : undefined,
    };
  } finally {
    await client.end();
  }
}
