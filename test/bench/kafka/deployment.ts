import { join } from 'node:path';
import type { DeploymentKind } from './kafka-bench-config';
import type { PlatformBuild } from '../orders/orders-bench-config';
import { startPlatform, type PlatformProcess } from '../orders/platform-process';
import { CONTEXT_PROCESSES } from './context-processes';

/**
 * One of the three deployments the benchmark compares, as users run them: the monolith on the
 * in-process transport, the monolith on Kafka, or every context as its own process on Kafka.
 * `orders` takes the customers' POSTs, `admin` the operator's product; both are views of the
 * processes whose cpu() is the sum over all of them, so the bench:orders phases measure the whole
 * deployment unchanged.
 */
export interface Deployment {
  readonly kind: DeploymentKind;
  readonly processes: ReadonlyArray<{ readonly name: string; readonly process: PlatformProcess }>;
  readonly orders: PlatformProcess;
  readonly admin: PlatformProcess;
  stop(): Promise<void>;
}

export interface DeploymentStart {
  readonly build: PlatformBuild;
  readonly databaseUrl: string;
  readonly adminToken: string;
  /** the Kafka settings (TRANSPORT=kafka, brokers, prefix, ...); unused in-process */
  readonly kafkaEnv: NodeJS.ProcessEnv;
  /** `--cpu-prof` into `<profileDir>/<kind>-<process name>` (profileFolder) */
  readonly profileDir?: string;
}

/** the folder one process of a deployment writes its `--cpu-prof` profile into */
export function profileFolder(profileDir: string, kind: DeploymentKind, name: string): string {
  return join(profileDir, `${kind}-${name}`);
}

export async function startDeployment(kind: DeploymentKind, options: DeploymentStart): Promise<Deployment> {
  const common = { build: options.build, databaseUrl: options.databaseUrl, adminToken: options.adminToken };
  const names = kind === 'split' ? CONTEXT_PROCESSES : ['monolith'];
  const env = kind === 'inprocess' ? { TRANSPORT: 'inprocess' } : options.kafkaEnv;
  // started together: on 2 cores seven Node processes boot in about the time of two or three one after another
  const settled = await Promise.allSettled(
    names.map((name) =>
      startPlatform({
        ...common,
        app: name,
        env: { ...env, KAFKA_CLIENT_ID: `bench-${name}` },
        cpuProfDir: options.profileDir ? profileFolder(options.profileDir, kind, name) : undefined,
      }),
    ),
  );
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as Error] : []));
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((p) => p.stop().catch((e: Error) => console.error(`stopping: ${e.message}`))));
  };
  if (failed.length > 0) {
    await stop();
    throw new Error(`the ${kind} deployment did not start: ${failed.map((e) => e.message).join('\n')}`);
  }
  const processes = names.map((name, i) => ({ name, process: started[i] }));
  const byName = (name: string): PlatformProcess => (processes.find((p) => p.name === name) ?? processes[0]).process;
  const cpu = (): ReturnType<PlatformProcess['cpu']> => {
    const each = started.map((p) => p.cpu());
    if (each.some((c) => c === undefined)) return undefined;
    return {
      userMs: each.reduce((sum, c) => sum + (c?.userMs ?? 0), 0),
      systemMs: each.reduce((sum, c) => sum + (c?.systemMs ?? 0), 0),
    };
  };
  return {
    kind,
    processes,
    orders: { ...byName('orders'), cpu },
    admin: { ...byName('inventory'), cpu },
    stop,
  };
}
