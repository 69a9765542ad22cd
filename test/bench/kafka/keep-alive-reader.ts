import { Agent, get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A client that holds one keep-alive connection to an instance and asks it something every
 * `intervalMs`, as a load balancer's connection pool or a storefront reading payment states
 * does. It goes on through the instance's shutdown until told to stop: a server that waits for
 * its keep-alive connections to go idle before it stops consuming waits for this one.
 */
export interface KeepAliveReader {
  /** answers, and requests refused or cut (the instance closing or gone) */
  stop(): Promise<{ ok: number; failed: number }>;
}

export function startKeepAliveReader(baseUrl: string, intervalMs: number): KeepAliveReader {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const counts = { ok: 0, failed: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const ok = await new Promise<boolean>((resolve) => {
        const request = get(`${baseUrl}/health/live`, { agent, timeout: 2_000 }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode === 200));
          response.on('error', () => resolve(false));
        });
        request.on('timeout', () => request.destroy());
        request.on('error', () => resolve(false));
      });
      counts[ok ? 'ok' : 'failed'] += 1;
      await sleep(intervalMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      agent.destroy();
      return counts;
    },
  };
}
