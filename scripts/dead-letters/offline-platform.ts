import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Environment } from '@platform/config';
import { createPlatformApp } from '../../libs/http/src/bootstrap';
import { MonolithModule } from '../../apps/monolith/src/monolith.module';

/**
 * The dead-letter CLI on the default set-up while no platform runs: the platform's own admin API,
 * hosted in this process on a loopback port for as long as the command takes, with no consumer
 * started. Opening the embedded database takes its lock, so a platform started meanwhile waits
 * its turn instead of sharing the folder (ADR 0018). A re-driven letter goes back to its group's
 * log and is consumed when the platform starts.
 */
export async function withOfflinePlatform<T>(
  env: Environment,
  work: (url: string, token: string) => Promise<T>,
): Promise<T> {
  // this process's own credential: nothing outside it can reach the loopback port in time to matter,
  // and the data folder's token file is left alone
  const token = randomBytes(24).toString('base64url');
  // the platform's start-up lines are not the command's output
  const offline = { ...env, ADMIN_TOKEN: token, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' };
  const app = await createPlatformApp(MonolithModule.forRoot(offline), { service: 'dead-letters-cli' });
  try {
    await app.init();
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return await work(`http://127.0.0.1:${port}`, token);
  } finally {
    await app.close();
  }
}
